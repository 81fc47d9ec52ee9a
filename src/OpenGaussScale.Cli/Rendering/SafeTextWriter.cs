using OpenGaussScale.Cli.Logging;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// ogscale's stdout and stderr (<see cref="CliApp"/> wraps both once, for every verb): each text written has the
/// registered secrets replaced by `***` and its control characters made visible (<see cref="TerminalText"/>), so
/// neither a secret nor a node's escape sequence reaches the terminal, whichever result, error, hint or log line
/// carries it. The inner writer is not disposed with it.
/// </summary>
internal sealed class SafeTextWriter(TextWriter inner, SecretRegistry secrets) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer as given, wrapped unless it is a safe writer already (a verb that runs another one).</summary>
    public static TextWriter Wrap(TextWriter writer, SecretRegistry secrets) =>
        writer is SafeTextWriter ? writer : new SafeTextWriter(writer, secrets);

    public override void Write(char value) => inner.Write(Clean(value.ToString()));

    public override void Write(string? value) => inner.Write(Clean(value));

    public override void Write(char[] buffer, int index, int count) => inner.Write(Clean(new string(buffer, index, count)));

    public override void Write(ReadOnlySpan<char> buffer) => inner.Write(Clean(new string(buffer)));

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(Clean(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => inner.WriteLine(Clean(new string(buffer)));

    public override Task WriteAsync(char value) => inner.WriteAsync(Clean(value.ToString()));

    public override Task WriteAsync(string? value) => inner.WriteAsync(Clean(value));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(Clean(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(Clean(value));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteLineAsync(Clean(new string(buffer.Span)).AsMemory(), cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // Redacted first: a secret is matched as it was given, before any of its characters is escaped.
    private string Clean(string? text) => text is null ? "" : TerminalText.Sanitize(secrets.Redact(text));
}
