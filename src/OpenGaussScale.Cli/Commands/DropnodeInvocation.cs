using OpenGaussScale.Core.State;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The values of one dropnode, as the command line gives them or resume reads them from the run's journal.</summary>
internal sealed record DropnodeInvocation
{
    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>The cluster XML, as given; null: the cluster is read live on the primary (openGauss).</summary>
    public string? Xml { get; init; }

    /// <summary>The environment file chosen (--env-file, $MPPDB_ENV_SEPARATE_PATH or ~/.bashrc).</summary>
    public required string EnvironmentFile { get; init; }

    public required IReadOnlyList<string> Hosts { get; init; }

    public required int TimeoutSeconds { get; init; }

    public bool DryRun { get; init; }

    public bool Yes { get; init; }

    public bool RestartPrimary { get; init; }

    /// <summary>auto, opengauss or postgresql.</summary>
    public required string Engine { get; init; }

    /// <summary>The run a journal records, to go on with (confirmed already); <paramref name="xml"/> is -X given to resume.</summary>
    public static DropnodeInvocation Resuming(RunRecord run, string? xml)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new()
        {
            User = run.User,
            Group = run.Group,
            Xml = xml ?? run.XmlFile,
            EnvironmentFile = run.EnvironmentFile,
            Hosts = run.Hosts,
            TimeoutSeconds = run.TimeoutSeconds,
            Yes = true,
            RestartPrimary = run.RestartPrimary ?? false,
            Engine = run.Engine,
        };
    }

    /// <summary>The same dropnode as a command line, to show (never parsed again).</summary>
    public IEnumerable<string> CommandLine() =>
    [
        .. InvocationText.Who("dropnode", User, Group),
        .. InvocationText.Option("-X", Xml),
        .. InvocationText.Hosts(Hosts),
        .. InvocationText.Flag("--restart-primary", RestartPrimary),
        .. InvocationText.Tail(TimeoutSeconds, Engine, EnvironmentFile),
    ];
}
