namespace OpenGaussScale.Cli.Tests.Security;

/// <summary>
/// A fact that needs root (ogscale runs a command for this host as another user through runuser). A developer
/// machine without it skips; CI (CI=true) never does: there the test runs and fails.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (runuser)";
        }
    }
}
