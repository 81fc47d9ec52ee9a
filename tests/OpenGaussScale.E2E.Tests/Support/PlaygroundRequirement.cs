namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// The playground needs root on Linux. Without them a test may skip, but never when CI=true: there it runs (and
/// fails), so CI cannot pass with the end-to-end tests silently skipped.
/// </summary>
public static class PlaygroundRequirement
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsMet => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>The skip reason, or null when the test must run.</summary>
    public static string? SkipReason => IsMet || IsCi ? null : "the playground needs root on Linux (with CI=true this test runs and fails instead)";
}

/// <summary>A fact that runs on the playground (see <see cref="PlaygroundRequirement"/>).</summary>
public sealed class PlaygroundFactAttribute : FactAttribute
{
    public PlaygroundFactAttribute()
    {
        if (PlaygroundRequirement.SkipReason is string reason)
        {
            Skip = reason;
        }
    }
}
