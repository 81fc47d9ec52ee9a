namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// One hostile or broken input through the CLI and what it must give. Arguments, file contents and messages may use
/// placeholders that the workspace fills in: {dir} (the case's directory), {xml} (the -X file), {marker} (the file a
/// successful injection would create), {url} (a loopback listener that must never be contacted), {cm} (a CM sample)
/// and {line:SLOT} (the line of a template slot).
/// </summary>
internal sealed record BadInputCase
{
    /// <summary>A stable id: the test's display name and the row in docs/reliability.md.</summary>
    public required string Name { get; init; }

    /// <summary>What is wrong with the input, for the docs table.</summary>
    public required string Input { get; init; }

    public required string[] Args { get; init; }

    public required int ExitCode { get; init; }

    /// <summary>Each must appear on stderr: the exact error line (or its distinctive part) and the hint.</summary>
    public required string[] Messages { get; init; }

    /// <summary>The text of the -X file; null means the valid template.</summary>
    public string? Xml { get; init; }

    /// <summary>The bytes of the -X file, for encodings and garbage (wins over <see cref="Xml"/>).</summary>
    public byte[]? XmlBytes { get; init; }

    /// <summary>The -X file's name inside {dir}.</summary>
    public string XmlName { get; init; } = "cluster.xml";

    /// <summary>More files to place in {dir} (name, text).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>The process environment ogscale sees (nothing else is set).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Text that must appear on neither stream (what a hostile file would have leaked).</summary>
    public string[] NeverShown { get; init; } = [];

    /// <summary>True when the input carries a payload that would create {marker} if it reached a shell.</summary>
    public bool Injects { get; init; }

    public override string ToString() => Name;
}
