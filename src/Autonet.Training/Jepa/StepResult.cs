using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>What one training step did: its 1-based number, loss, schedules, gradient norm, and collapse metrics when measured.</summary>
public sealed record StepResult(int Step, float Loss, float LearningRate, float Momentum, double GradNorm, CollapseMetrics? Collapse);
