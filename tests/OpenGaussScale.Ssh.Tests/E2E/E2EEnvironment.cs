namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>
/// Whether the end-to-end tests can run here. They need root (sshd, runuser) and /usr/sbin/sshd. Without them they
/// are skipped - except when CI=true, where they run (and fail) so a broken CI machine cannot pass silently.
/// </summary>
internal static class E2EEnvironment
{
    public const string Sshd = "/usr/sbin/sshd";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? SkipReason
    {
        get
        {
            if (IsCi)
            {
                return null;
            }

            if (!Environment.IsPrivilegedProcess)
            {
                return "end-to-end test: needs root (set CI=true to make it fail instead of skipping)";
            }

            return File.Exists(Sshd) ? null : $"end-to-end test: {Sshd} is missing (apt-get install openssh-server; CI=true makes it fail instead)";
        }
    }
}

/// <summary>A fact that is skipped outside CI when the machine cannot run end-to-end tests.</summary>
public sealed class E2EFactAttribute : FactAttribute
{
    public E2EFactAttribute()
    {
        if (E2EEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
