namespace OpenGaussScale.Cli;

/// <summary>
/// What the commands need from the outside world, constructed once in <see cref="Program"/> and replaced by fakes
/// in in-process tests.
/// </summary>
public sealed record CliServices
{
    public static CliServices CreateDefault() => new();
}
