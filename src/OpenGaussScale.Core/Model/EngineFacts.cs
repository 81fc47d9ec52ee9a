namespace OpenGaussScale.Core.Model;

/// <summary>
/// What an engine's probe read about the cluster beyond the nodes (its tools' answers, the cluster user's environment),
/// typed by the engine that reads it: each engine derives its own record and reads back only that.
/// </summary>
public abstract record EngineFacts;
