using OpenGaussScale.Cli.Runtime;
using OpenGaussScale.Core.Preflight;
using System.CommandLine;
using System.Globalization;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// The options shared by several verbs, with the original tools' names (-U -G -X -h --time-out --sep-env-file).
/// Each call makes a new instance, so a command owns its options.
/// </summary>
internal static class CommonOptions
{
    public static Option<string> User(bool required = true)
    {
        var option = new Option<string>("--user", "-U") { Description = "OS user that owns the cluster (e.g. omm)", Required = required, HelpName = "USER" };
        option.Validators.Add(r => AddNameProblem(r, "user", "the cluster's OS user", "omm"));
        return option;
    }

    public static Option<string> Group(bool required = true)
    {
        var option = new Option<string>("--group", "-G") { Description = "primary group of that user (e.g. dbgrp)", Required = required, HelpName = "GROUP" };
        option.Validators.Add(r => AddNameProblem(r, "group", "that user's primary group", "dbgrp"));
        return option;
    }

    public static Option<FileInfo> Xml(bool required = true) =>
        ExistingFile(new Option<FileInfo>("--xml", "-X") { Description = "the cluster XML file", Required = required, HelpName = "XMLFILE" });

    /// <summary>
    /// Refuses a value that names no existing file, naming the option (System.CommandLine's own AcceptExistingOnly says
    /// only "File does not exist: ''", which leaves a runbook's author guessing which option it was), and one that is
    /// not a regular file (a FIFO would block the read, /dev/zero never ends): told by statx, without opening it. A
    /// symbolic link to a regular file is fine.
    /// </summary>
    public static T ExistingFile<T>(T option)
        where T : Option
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            foreach (var value in r.Tokens.Select(t => t.Value))
            {
                AddProblem(r, InvocationChecks.FileProblem(Name(r), value));
            }
        });
        return option;
    }

    /// <summary>Accepts only the given words, naming the option and the words in one line.</summary>
    public static Option<string> OneOf(Option<string> option, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            foreach (var value in r.Tokens.Select(t => t.Value))
            {
                AddProblem(r, InvocationChecks.OneOfProblem(Name(r), value, words));
            }
        });
        return option;
    }

    /// <summary>
    /// -h IP[,IP...]: repeatable; every occurrence and every comma-separated item counts, empty items are dropped.
    /// Duplicates are kept here and reported (with a notice) by the verb, as the original drops them.
    /// </summary>
    public static Option<string[]> Hosts(string description, bool required = true)
    {
        var option = new Option<string[]>("--hosts", "-h")
        {
            Description = description,
            Required = required,
            HelpName = "IP[,IP...]",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        option.Validators.Add(r =>
        {
            var hosts = r.GetValueOrDefault<string[]>() ?? [];
            if (hosts.Length == 0 && r.Tokens.Count > 0)
            {
                r.AddError("-h names no host (GAUSS-35701): give the hosts' backIp1 addresses, comma-separated");
            }

            foreach (var host in hosts)
            {
                AddProblem(r, InvocationChecks.UnsafeValueProblem(Name(r), host));
            }
        });
        return option;
    }

    /// <summary>
    /// --time-out SECS (default 300). Parsed here, not by the default converter: a value that is not a number gets the
    /// original's message (GAUSS-50003, gs_expansion's getopt check) instead of a converter error, and no validator
    /// ever reads a value that failed to convert (System.CommandLine throws there: exit 134 and a stack trace).
    /// </summary>
    public static Option<int> TimeOut(string description) => Seconds("--time-out", description);

    /// <summary>A number of seconds from 1 (default 300), checked as <see cref="TimeOut"/> is.</summary>
    public static Option<int> Seconds(string name, string description) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => 300,
            HelpName = "SECS",
            CustomParser = r => ParseWholeNumber(r, 300) switch
            {
                null => Refuse(r, $"the value of {name} must be a nonnegative integer, not '{Printable(r.Tokens[^1].Value)}' (GAUSS-50003)"),
                long seconds when InvocationChecks.TimeoutProblem(seconds, name) is { } problem => Refuse(r, problem),
                var seconds => (int)seconds,
            },
        };

    /// <summary>Records a parse error for a custom parser and gives it a placeholder value (never used: parsing failed).</summary>
    internal static int Refuse(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return 0;
    }

    public static Option<string> Engine() =>
        OneOf(
            new Option<string>("--engine") { Description = "the database: auto (detected on the primary), opengauss or postgresql", DefaultValueFactory = _ => EngineChoice.Auto, HelpName = "auto|opengauss|postgresql" },
            EngineChoice.Names);

    public static Option<OutputFormat> Output() =>
        new("--output") { Description = "result format", DefaultValueFactory = _ => OutputFormat.Text, HelpName = "text|json", CustomParser = ParseOutput };

    // text or json in any case; anything else is named in the error (the default converter would print the enum's type name).
    private static OutputFormat ParseOutput(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 0 ? "text" : result.Tokens[^1].Value;
        if (string.Equals(text, "text", StringComparison.OrdinalIgnoreCase))
        {
            return OutputFormat.Text;
        }

        if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase))
        {
            return OutputFormat.Json;
        }

        result.AddError($"--output must be text or json, not '{text.ReplaceLineEndings(" ")}'");
        return OutputFormat.Text;
    }

    public static Option<FileInfo?> EnvFile()
    {
        var option = new Option<FileInfo?>("--env-file", "--sep-env-file")
        {
            Description = "the database user's environment file to source on every node (default: $MPPDB_ENV_SEPARATE_PATH, else ~USER/.bashrc)",
            HelpName = "FILE",
        };
        return option;
    }

    // A key file that does not exist is a usage error at once, not a failure at the first connection.
    public static Option<FileInfo[]> Identity() =>
        ExistingFile(new Option<FileInfo[]>("--identity", "-i")
        {
            Description = "SSH private key to authenticate with (repeatable; default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa)",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = false,
        });

    public static Option<FileInfo?> KnownHosts() =>
        new("--known-hosts") { Description = "OpenSSH known_hosts file host keys are checked against (default: ~/.ssh/known_hosts)", HelpName = "FILE" };

    public static Option<bool> AcceptNewHostKeys() =>
        new("--accept-new-host-keys")
        {
            Description = "trust a host seen for the first time and append its key to known_hosts (a changed key is always refused)",
        };

    public static Option<bool> AllowLegacySshAlgorithms() =>
        new("--allow-legacy-ssh-algorithms")
        {
            Description = "also offer legacy SSH algorithms (SHA-1 key exchange and signatures, CBC ciphers, SHA-1 MACs) for an old host that has nothing better",
        };

    /// <summary>
    /// The option's last value as a whole number (digits only, as the original's getopt checks), the default when the
    /// option has no value, or null when the value is not a whole number. A number too large for a long is long.MaxValue.
    /// </summary>
    internal static long? ParseWholeNumber(System.CommandLine.Parsing.ArgumentResult result, long? defaultValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        var text = result.Tokens[^1].Value;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
    }

    /// <summary>The option's short alias when it has one (-U, -h), else its name: how users write it.</summary>
    internal static string Name(System.CommandLine.Parsing.OptionResult result) =>
        result.Option.Aliases.FirstOrDefault(a => a.Length == 2) ?? result.Option.Name;

    internal static string Printable(string value) => InvocationChecks.Printable(value);

    // -U or -G: InvocationChecks.NameProblem, one error at most.
    private static void AddNameProblem(System.CommandLine.Parsing.OptionResult result, string kind, string what, string example)
    {
        if (result.GetValueOrDefault<string>() is { } value)
        {
            AddProblem(result, InvocationChecks.NameProblem(Name(result), value, kind, what, example));
        }
    }

    private static void AddProblem(System.CommandLine.Parsing.OptionResult result, string? problem)
    {
        if (problem is not null)
        {
            result.AddError(problem);
        }
    }
}

/// <summary>The format of results on stdout.</summary>
public enum OutputFormat
{
    Text,
    Json,
}
