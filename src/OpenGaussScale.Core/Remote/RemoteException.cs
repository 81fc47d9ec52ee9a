using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Core.Remote;

/// <summary>Why a node could not be used.</summary>
public enum RemoteFailureKind
{
    /// <summary>Nothing listens on the SSH port (connection refused).</summary>
    ConnectionRefused,

    /// <summary>No route, DNS failure, or the connection attempt timed out.</summary>
    Unreachable,

    /// <summary>The server refused every key offered for the user.</summary>
    AuthenticationFailed,

    /// <summary>The private key is encrypted and no passphrase was given.</summary>
    PassphraseRequired,

    /// <summary>known_hosts has no key for the host.</summary>
    HostKeyUnknown,

    /// <summary>known_hosts has a different key for the host.</summary>
    HostKeyChanged,

    /// <summary>known_hosts marks the host's key @revoked.</summary>
    HostKeyRevoked,

    /// <summary>The command did not finish before its deadline (its process group was stopped).</summary>
    Timeout,

    /// <summary>A file transfer failed or the checksum on the node did not match.</summary>
    TransferFailed,

    /// <summary>The command ran and failed (non-zero exit).</summary>
    CommandFailed,

    /// <summary>The connection dropped while in use.</summary>
    ConnectionLost,

    /// <summary>The server offers no key exchange, host key, cipher or MAC algorithm ogscale allows (e.g. only legacy ones).</summary>
    NoCommonAlgorithm,
}

/// <summary>A typed failure to reach or use a node, naming the host and the user.</summary>
public sealed class RemoteException : OgscaleException
{
    public RemoteException(RemoteFailureKind kind, RemoteTarget target, string message, string? hint = null, Exception? innerException = null)
        : base(message, hint, ExitCodes.PreconditionFailed, innerException)
    {
        Kind = kind;
        Target = target;
    }

    public RemoteFailureKind Kind { get; }

    public RemoteTarget Target { get; }

    /// <summary>The command's result when <see cref="Kind"/> is <see cref="RemoteFailureKind.CommandFailed"/>.</summary>
    public CommandResult? Result { get; init; }

    /// <summary>
    /// The host answered with a key known_hosts says is not its key (changed) or must never be used (revoked). Such a
    /// node is not down: something may stand between us and it. Every verb stops on it (docs/known-hosts.md).
    /// </summary>
    public bool IsDistrustedHostKey => Kind is RemoteFailureKind.HostKeyChanged or RemoteFailureKind.HostKeyRevoked;
}
