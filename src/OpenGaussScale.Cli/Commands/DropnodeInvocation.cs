using OpenGaussScale.Core.Remote;
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
    public IEnumerable<string> CommandLine()
    {
        yield return "dropnode";
        yield return "-U";
        yield return User;
        yield return "-G";
        yield return Group;
        if (Xml is not null)
        {
            yield return "-X";
            yield return Xml;
        }

        yield return "-h";
        yield return string.Join(',', Hosts);
        if (RestartPrimary)
        {
            yield return "--restart-primary";
        }

        yield return "--time-out";
        yield return TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return "--engine";
        yield return Engine;
        if (EnvironmentFile != EnvironmentFileChoice.UserBashrc)
        {
            yield return "--env-file";
            yield return EnvironmentFile;
        }
    }
}
