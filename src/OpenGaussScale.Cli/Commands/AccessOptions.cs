using OpenGaussScale.Ssh;
using System.CommandLine;

namespace OpenGaussScale.Cli.Commands;

/// <summary>How a verb reaches the nodes (keys, known_hosts, algorithms) and whether it logs every command: the same on every verb that connects.</summary>
internal sealed class AccessOptions
{
    public Option<FileInfo[]> Identity { get; } = CommonOptions.Identity();

    public Option<FileInfo?> KnownHosts { get; } = CommonOptions.KnownHosts();

    public Option<bool> AcceptNewHostKeys { get; } = CommonOptions.AcceptNewHostKeys();

    public Option<bool> AllowLegacySshAlgorithms { get; } = CommonOptions.AllowLegacySshAlgorithms();

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "log every command and its output on stderr" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Identity);
        command.Options.Add(KnownHosts);
        command.Options.Add(AcceptNewHostKeys);
        command.Options.Add(AllowLegacySshAlgorithms);
        command.Options.Add(Verbose);
    }

    public SshOptions Ssh(ParseResult parse, CliServices services)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(services);
        return SshOptions.FromCommandLine(parse.GetValue(Identity), parse.GetValue(KnownHosts), parse.GetValue(AcceptNewHostKeys), services.PassphrasePrompt)
            with { AllowLegacyAlgorithms = parse.GetValue(AllowLegacySshAlgorithms) };
    }

    /// <summary>The options as they were given, to show with the command resume continues (shown only, never parsed again).</summary>
    public IEnumerable<string> Arguments(ParseResult parse)
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
