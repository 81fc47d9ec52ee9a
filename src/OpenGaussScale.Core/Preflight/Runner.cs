namespace OpenGaussScale.Core.Preflight;

/// <summary>Who runs ogscale here: the OS user name and whether it is root (the original tools' rules depend on both).</summary>
public sealed record Runner(string UserName, bool IsRoot);
