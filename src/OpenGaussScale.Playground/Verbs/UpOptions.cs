namespace OpenGaussScale.Playground.Verbs;

/// <summary>What `playground up` was asked for.</summary>
public sealed record UpOptions(int Nodes, string Engine, string Dir, bool Force, string? NoTrust);
