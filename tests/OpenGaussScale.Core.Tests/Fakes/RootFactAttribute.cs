namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>
/// A fact that needs root (to make a mount namespace with unshare). A developer machine without it skips; CI
/// (CI=true) never does: there the test runs and fails.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!ci && Environment.UserName != "root")
        {
            Skip = "needs root (unshare --mount)";
        }
    }
}
