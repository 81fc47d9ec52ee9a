using OpenGaussScale.Core.Remote;
using System.Collections.Concurrent;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// The shell factory of a bad-input run: every attempt to open a shell (local or SSH) is recorded and fails, so a
/// case proves it was refused before ogscale touched any node — the XML's addresses are never contacted.
/// </summary>
/// <param name="asUnreachable">Fail as a node that refuses connections (a run that accepted its input then ends with
/// its own documented exit) instead of as a test failure.</param>
internal sealed class TripwireShells(bool asUnreachable = false) : IRemoteShellFactory
{
    private readonly ConcurrentQueue<RemoteTarget> _opened = new();

    public IReadOnlyCollection<RemoteTarget> Opened => _opened;

    public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
    {
        _opened.Enqueue(target);
        if (asUnreachable)
        {
            throw new RemoteException(RemoteFailureKind.ConnectionRefused, target, $"{target.Host}: connection refused (a test stand-in; nothing was contacted)");
        }

        throw new InvalidOperationException($"tripwire: ogscale tried to open a shell to {target}; a bad input must be refused before any connection");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
