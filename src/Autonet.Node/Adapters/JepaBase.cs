// A decoded JEPA base model as the roles pass it around (Protocol's IModel). Decoded once per task by JepaCodec;
// trainers and scorers copy it before changing anything, so one handle serves every delta of the task.
using Autonet.Models.Jepa;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Node.Adapters;

/// <summary>A task's base model, decoded.</summary>
public sealed class JepaBase(JepaModel model) : IModel
{
    /// <summary>The decoded model; treat as read-only.</summary>
    public JepaModel Model { get; } = model;

    public int ParameterCount => ModelBytes.ParameterCount(Model);

    /// <summary>The JEPA model behind a handle this node's codec made.</summary>
    /// <exception cref="ArgumentException">The handle came from another codec.</exception>
    public static JepaModel Of(IModel model) =>
        model is JepaBase jepa ? jepa.Model : throw new ArgumentException($"expected a model decoded by JepaCodec, got {model?.GetType().Name}", nameof(model));
}
