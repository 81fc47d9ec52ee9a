using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The values of one expand, as the command line gives them or resume reads them from the run's journal.</summary>
internal sealed record ExpandInvocation
{
    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>The cluster XML, as given.</summary>
    public required string Xml { get; init; }

    /// <summary>The environment file chosen (--env-file, $MPPDB_ENV_SEPARATE_PATH or ~/.bashrc).</summary>
    public required string EnvironmentFile { get; init; }

    public required IReadOnlyList<string> Hosts { get; init; }

    public bool Local { get; init; }

    public string? Package { get; init; }

    public required int TimeoutSeconds { get; init; }

    /// <summary>--stall-time-out.</summary>
    public int StallTimeoutSeconds { get; init; } = (int)ExpandRequest.DefaultStallTimeout.TotalSeconds;

    public bool DryRun { get; init; }

    public int? Parallel { get; init; }

    /// <summary>auto, opengauss or postgresql.</summary>
    public required string Engine { get; init; }

    public string? HbaMethod { get; init; }

    /// <summary>The run a journal records, to go on with; <paramref name="xml"/> is -X given to resume.</summary>
    public static ExpandInvocation Resuming(RunRecord run, string? xml)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new()
        {
            User = run.User,
            Group = run.Group,
            Xml = xml ?? run.Xml!,
            EnvironmentFile = run.EnvironmentFile,
            Hosts = run.Hosts,
            Local = run.LocalMode ?? false,
            Package = run.PackageDirectory,
            TimeoutSeconds = run.TimeoutSeconds,
            StallTimeoutSeconds = run.StallTimeoutSeconds ?? (int)ExpandRequest.DefaultStallTimeout.TotalSeconds,
            Parallel = run.Parallelism,
            Engine = run.Engine,
            HbaMethod = run.HbaMethod,
        };
    }

    /// <summary>The same expand as a command line, to show (never parsed again).</summary>
    public IEnumerable<string> CommandLine() =>
    [
        .. InvocationText.Who("expand", User, Group),
        "-X", Xml,
        .. InvocationText.Hosts(Hosts),
        .. InvocationText.Flag("-L", Local),
        .. InvocationText.Option("--package", Package),
        .. InvocationText.Option("--parallel", Parallel?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. InvocationText.Option("--hba-method", HbaMethod),
        .. InvocationText.Option(
            "--stall-time-out",
            StallTimeoutSeconds == (int)ExpandRequest.DefaultStallTimeout.TotalSeconds ? null : StallTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. InvocationText.Tail(TimeoutSeconds, Engine, EnvironmentFile),
    ];
}
