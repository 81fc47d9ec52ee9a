using OpenGaussScale.Core.Remote;
using System.Text;
using System.Text.Json;

namespace OpenGaussScale.Core.State;

/// <summary>Somewhere a journal line goes: a local file, or a file on the primary.</summary>
public interface IJournalSink
{
    /// <summary>Where the copy lives, for messages ("root@ognode1:/opt/.../expand-20261125T231042Z.jsonl").</summary>
    string Location { get; }

    /// <summary>Appends one line and makes it durable before returning.</summary>
    Task AppendLineAsync(string line, CancellationToken cancellationToken);
}

/// <summary>
/// The append-only JSON-lines record of a run, written to every sink (the control host's copy and the primary's),
/// one flushed line per event, in order. Resume and rollback read it.
/// </summary>
public sealed class Journal : IAsyncDisposable
{
    private readonly IReadOnlyList<IJournalSink> _sinks;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly HashSet<string> _failedSinks = new(StringComparer.Ordinal);
    private readonly List<(string Step, ChangeRecord Change)> _changes = [];

    public Journal(string runId, IReadOnlyList<IJournalSink> sinks, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(clock);
        RunId = runId;
        _sinks = sinks;
        _clock = clock;
    }

    public string RunId { get; }

    /// <summary>Where the copies are, for the message printed on failure.</summary>
    public IEnumerable<string> Locations => _sinks.Select(s => s.Location);

    /// <summary>Copies that missed at least one line (so may be incomplete).</summary>
    public IReadOnlyCollection<string> FailedSinks => _failedSinks;

    public Task RecordAsync(string eventName, string? step, string? host, CancellationToken cancellationToken, string? message = null) =>
        AppendAsync(new JournalEntry { Time = _clock.GetUtcNow(), Event = eventName, RunId = RunId, Step = step, Host = host, Message = message }, cancellationToken);

    /// <summary>The changes journaled by this run so far, in the order they were recorded (the automatic undo reads them).</summary>
    public IReadOnlyList<(string Step, ChangeRecord Change)> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public async Task RecordChangeAsync(string step, ChangeRecord change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await AppendAsync(
            new JournalEntry { Time = _clock.GetUtcNow(), Event = JournalEvents.Change, RunId = RunId, Step = step, Host = change.Host, Change = change },
            cancellationToken).ConfigureAwait(false);
        lock (_changes)
        {
            _changes.Add((step, change));
        }
    }

    public Task RecordDataAsync(string eventName, object data, CancellationToken cancellationToken, int? exitCode = null, string? message = null) =>
        AppendAsync(
            new JournalEntry
            {
                Time = _clock.GetUtcNow(),
                Event = eventName,
                RunId = RunId,
                Data = JsonSerializer.SerializeToElement(data, JournalEntry.Json),
                ExitCode = exitCode,
                Message = message,
            },
            cancellationToken);

    public async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = entry.ToJsonLine();
        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A copy that cannot be written (the primary unreachable mid-run) must not stop the run while another copy
            // takes the line; the first failure is logged by the caller through FailedSinks. Only losing every copy throws.
            Exception? lastError = null;
            var written = 0;
            foreach (var sink in _sinks)
            {
                try
                {
                    await sink.AppendLineAsync(line, cancellationToken).ConfigureAwait(false);
                    written++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    lastError = ex;
                    _failedSinks.Add(sink.Location);
                }
            }

            if (written == 0 && lastError is not null)
            {
                throw new IOException($"cannot write the journal to {string.Join(" or ", Locations)}: {lastError.Message}", lastError);
            }
        }
        finally
        {
            _order.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _order.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The control host's copy: a local file, appended and fsynced per line; only ogscale's user can read it
/// (<see cref="PrivateFile"/>), as the primary's copy (umask 077).
/// </summary>
public sealed class LocalJournalSink : IJournalSink
{
    private readonly string _path;

    public LocalJournalSink(string path)
    {
        _path = path;
        PrivateFile.CreateDirectory(System.IO.Path.GetDirectoryName(path) ?? ".");
    }

    public string Location => _path;

    public async Task AppendLineAsync(string line, CancellationToken cancellationToken)
    {
        var stream = PrivateFile.OpenAppend(_path, FileShare.Read, FileOptions.WriteThrough);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }
}

/// <summary>The primary's copy: appended through the shell (as the cluster user, so the user owns it).</summary>
public sealed class RemoteJournalSink : IJournalSink
{
    // sync is best effort: it exists on every Linux, and a missing one must not lose the line already appended.
    private const string AppendScript = "umask 077; mkdir -p \"$(dirname \"$1\")\" && cat >> \"$1\" && { sync \"$1\" 2>/dev/null || true; }";

    private readonly IRemoteShell _shell;
    private readonly string _path;

    public RemoteJournalSink(IRemoteShell shell, string path)
    {
        _shell = shell;
        _path = path;
    }

    public string Location => $"{_shell.Target.User}@{_shell.Target.Host}:{_path}";

    public async Task AppendLineAsync(string line, CancellationToken cancellationToken) =>
        await _shell.RunCheckedAsync(
            new RemoteCommand(["sh", "-c", AppendScript, "ogscale-journal", _path]) { StandardInput = line + "\n" },
            cancellationToken).ConfigureAwait(false);
}
