namespace Autonet.Protocol.Ports;

/// <summary>
/// A decoded model, opaque to the roles: the codec decodes a task's base model once and every role passes the
/// handle to the trainer, the scorer and the codec again, so nothing is decoded once per delta.
/// </summary>
public interface IModel
{
    /// <summary>Its number of parameters: the length of every delta against it.</summary>
    int ParameterCount { get; }
}
