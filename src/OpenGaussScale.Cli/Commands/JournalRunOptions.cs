using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The options `resume` and `rollback` share: which journal, --yes, and how to reach the nodes.</summary>
internal sealed class JournalRunOptions
{
    public Option<FileInfo?> Journal { get; } = CommonOptions.ExistingFile(new Option<FileInfo?>("--journal")
    {
        Description = "the journal of the run (default: the newest unfinished one on this machine)",
        HelpName = "FILE",
    });

    public Option<bool> Yes { get; } = new("--yes") { Description = "do not ask for confirmation (required without a terminal)" };

    public Option<FileInfo[]> Identity { get; } = CommonOptions.Identity();

    public Option<FileInfo?> KnownHosts { get; } = CommonOptions.KnownHosts();

    public Option<bool> AcceptNewHostKeys { get; } = CommonOptions.AcceptNewHostKeys();

    public Option<bool> AllowLegacySshAlgorithms { get; } = CommonOptions.AllowLegacySshAlgorithms();

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "log every command and its output on stderr" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Journal);
        command.Options.Add(Yes);
        command.Options.Add(Identity);
        command.Options.Add(KnownHosts);
        command.Options.Add(AcceptNewHostKeys);
        command.Options.Add(AllowLegacySshAlgorithms);
        command.Options.Add(Verbose);
    }

    /// <summary>The access options as they were given, to pass on to the command being resumed.</summary>
    public IEnumerable<string> AccessArguments(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        foreach (var identity in parse.GetValue(Identity) ?? [])
        {
            yield return "--identity";
            yield return identity.FullName;
        }

        if (parse.GetValue(KnownHosts) is { } knownHosts)
        {
            yield return "--known-hosts";
            yield return knownHosts.FullName;
        }

        if (parse.GetValue(AcceptNewHostKeys))
        {
            yield return "--accept-new-host-keys";
        }

        if (parse.GetValue(AllowLegacySshAlgorithms))
        {
            yield return "--allow-legacy-ssh-algorithms";
        }

        if (parse.GetValue(Verbose))
        {
            yield return "--verbose";
        }
    }
}
