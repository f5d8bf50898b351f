using Autonet.Models.Jepa;
using Autonet.Training.Evaluation;

namespace Autonet.Training.Jepa;

/// <summary>
/// What one training step did: its 1-based number, loss, schedules, gradient norm, collapse metrics when measured, and
/// a multimodal model's losses by modality.
/// </summary>
public sealed record StepResult(int Step, float Loss, float LearningRate, float Momentum, double GradNorm, CollapseMetrics? Collapse, VlJepaLosses? Parts = null);
