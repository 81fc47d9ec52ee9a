namespace OpenGaussScale.Ssh;

/// <summary>
/// The passphrase of encrypted keys from the environment variable OGSCALE_SSH_PASSPHRASE. It is taken out of this
/// process's environment the first time it is read (the CLI reads it at start), so no process ogscale starts later
/// can inherit it; the value stays here for the keys that need it.
/// </summary>
public static class SshPassphrase
{
    public const string Variable = "OGSCALE_SSH_PASSPHRASE";

    private static readonly Lock Gate = new();
    private static string? _taken;

    /// <summary>
    /// The passphrase, removing the variable from the environment. Read again each call: a value set after the first
    /// call (a test) replaces the one kept.
    /// </summary>
    public static string? Take()
    {
        lock (Gate)
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value)
            {
                _taken = value;
            }

            Environment.SetEnvironmentVariable(Variable, null);
            return _taken;
        }
    }
}
