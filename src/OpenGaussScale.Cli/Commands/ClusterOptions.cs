using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Preflight;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The options every verb that works on a live cluster shares: who, which XML, how to reach the nodes.</summary>
internal sealed class ClusterOptions
{
    /// <param name="xmlRequired">False for verbs that can read the topology from the live cluster (dropnode on openGauss).</param>
    public ClusterOptions(bool xmlRequired = true)
    {
        Xml = CommonOptions.Xml(xmlRequired);
    }

    public Option<string> User { get; } = CommonOptions.User();

    public Option<string> Group { get; } = CommonOptions.Group();

    public Option<FileInfo> Xml { get; }

    public Option<OutputFormat> Output { get; } = CommonOptions.Output();

    public Option<FileInfo?> EnvFile { get; } = CommonOptions.EnvFile();

    public AccessOptions Access { get; } = new();

    /// <summary>Adds the options to a command; <paramref name="withGroup"/> is false for verbs that need no -G.</summary>
    public void AddTo(Command command, bool withGroup = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(User);
        if (withGroup)
        {
            command.Options.Add(Group);
        }

        command.Options.Add(Xml);
        command.Options.Add(Output);
        command.Options.Add(EnvFile);
        Access.AddTo(command);
    }

    /// <summary>
    /// --env-file, else $MPPDB_ENV_SEPARATE_PATH, else ~/.bashrc of the user on each node (as the original). A path
    /// with shell metacharacters is refused, as the original checks --sep-env-file: it is sourced on every node.
    /// </summary>
    public string EnvironmentFile(ParseResult parse, CliServices services)
    {
        var choice = EnvironmentFileChoice.Choose(parse.GetValue(EnvFile)?.FullName, services.Environment("MPPDB_ENV_SEPARATE_PATH"));
        var origin = choice.Source == EnvironmentFileSource.Option ? "--env-file" : "MPPDB_ENV_SEPARATE_PATH";
        if (choice.Source != EnvironmentFileSource.Bashrc && InvocationChecks.EnvironmentFileProblem(origin, choice.Path) is { } problem)
        {
            throw new OgscaleException(
                problem,
                "give the plain path of the cluster user's environment file (the original tools refuse these characters in --sep-env-file too)",
                ExitCodes.Usage);
        }

        return choice.Path;
    }
}
