using System.Buffers;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Ssh.Execution;

/// <summary>
/// Collects one output stream of a wrapped command: drops what comes before the start marker line, keeps the body,
/// and stops at the end marker line (see <see cref="CommandWrapper"/>). Marker lines are "PREFIX[ NUMBER]\n".
/// </summary>
internal sealed class MarkedOutput
{
    private readonly byte[] _start;
    private readonly byte[] _end;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly TaskCompletionSource<int?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _bodyStart = -1;
    private int _bodyEnd = -1;
    private int _searchFrom;

    /// <param name="startPrefix">e.g. "NONCE pgid" (a number follows) or "NONCE start".</param>
    /// <param name="endPrefix">e.g. "NONCE exit" (a number follows) or "NONCE end"; it is preceded by a newline the wrapper adds.</param>
    public MarkedOutput(string startPrefix, string endPrefix)
    {
        _start = Encoding.ASCII.GetBytes(startPrefix);
        _end = Encoding.ASCII.GetBytes("\n" + endPrefix);
    }

    /// <summary>The number on the start marker line (the process group id), once it has been read.</summary>
    public Task<int?> Started => _started.Task;

    /// <summary>The number on the end marker line (the exit code), or null when the stream ended without it.</summary>
    public int? EndNumber { get; private set; }

    public bool Ended => _bodyEnd >= 0;

    /// <summary>The body: between the markers, or to the end of what was read when a marker is missing.</summary>
    public string Text
    {
        get
        {
            var from = Math.Max(_bodyStart, 0);
            var to = _bodyEnd >= 0 ? _bodyEnd : _buffer.WrittenCount;
            return Encoding.UTF8.GetString(_buffer.WrittenSpan[from..Math.Max(from, to)]);
        }
    }

    /// <summary>Reads until the end marker or end-of-file. Never throws: a stream that breaks simply ends the output.</summary>
    public async Task ReadAsync(Stream stream)
    {
        var chunk = new byte[16 * 1024];
        try
        {
            while (!Ended)
            {
                var read = await stream.ReadAsync(chunk).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Append(chunk.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The channel or process was closed under us (cancellation, dispose): what was read stays.
        }
        finally
        {
            _started.TrySetResult(null);
        }
    }

    /// <summary>Adds bytes and looks for the markers (exposed for unit tests).</summary>
    internal void Append(ReadOnlySpan<byte> data)
    {
        _buffer.Write(data);
        var all = _buffer.WrittenSpan;
        if (_bodyStart < 0)
        {
            if (FindLine(all, _start, 0) is not var (_, lineEnd, number))
            {
                return;
            }

            _bodyStart = lineEnd;
            _searchFrom = lineEnd;
            _started.TrySetResult(number);
        }

        // The end marker begins with the newline the wrapper prints before it, so it may start at the body's first byte.
        if (FindLine(all, _end, Math.Max(_bodyStart, _searchFrom)) is var (markerAt, _, exit))
        {
            _bodyEnd = markerAt;
            EndNumber = exit;
        }
        else
        {
            // Next time, search only where a marker could newly complete.
            _searchFrom = Math.Max(_bodyStart, all.Length - _end.Length - 16);
        }
    }

    // Finds "prefix[ digits]\n" at or after `from`: (where the prefix starts, index after the newline, the number).
    private static (int At, int LineEnd, int? Number)? FindLine(ReadOnlySpan<byte> all, byte[] prefix, int from)
    {
        while (from <= all.Length - prefix.Length)
        {
            var found = all[from..].IndexOf(prefix);
            if (found < 0)
            {
                return null;
            }

            var at = from + found;
            var rest = all[(at + prefix.Length)..];
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0)
            {
                return null; // the line is not complete yet
            }

            var tail = Encoding.ASCII.GetString(rest[..newline]).Trim();
            if (tail.Length == 0)
            {
                return (at, at + prefix.Length + newline + 1, null);
            }

            if (int.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return (at, at + prefix.Length + newline + 1, number);
            }

            from = at + 1;
        }

        return null;
    }
}
