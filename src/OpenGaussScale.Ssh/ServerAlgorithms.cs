using OpenGaussScale.Core.Remote;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace OpenGaussScale.Ssh;

/// <summary>The algorithm lists a server offers in its SSH_MSG_KEXINIT (RFC 4253 section 7.1), by kind.</summary>
internal sealed record ServerAlgorithms(
    IReadOnlyList<string> KeyExchange,
    IReadOnlyList<string> HostKeys,
    IReadOnlyList<string> Ciphers,
    IReadOnlyList<string> Macs)
{
    private const byte KexInit = 20;

    /// <summary>The server's list for a kind of <see cref="SshAlgorithms.Kinds"/>.</summary>
    public IReadOnlyList<string> Of(string kind) => kind switch
    {
        "key exchange" => KeyExchange,
        "host key" => HostKeys,
        "cipher" => Ciphers,
        "MAC" => Macs,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind"),
    };

    /// <summary>
    /// Why SSH.NET found nothing to agree on, when that is the reason: the first kind (key exchange, host key, cipher,
    /// MAC) of which the server offers nothing ogscale allows. A refusal naming what the server offers and, when those
    /// are legacy algorithms, the option that allows them; null when every kind has something in common.
    /// </summary>
    public RemoteException? Refusal(RemoteTarget target, bool allowLegacy)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (kind, modern, legacy) in SshAlgorithms.Kinds)
        {
            var offered = Of(kind);
            var allowed = allowLegacy ? [.. modern, .. legacy] : modern;
            if (offered.Any(a => allowed.Contains(a, StringComparer.Ordinal)) || (kind == "MAC" && AeadCipherAgreed(allowLegacy)))
            {
                continue;
            }

            var where = $"{target.Host} (port {target.Port})";
            var legacyOffered = offered.Where(a => legacy.Contains(a, StringComparer.Ordinal)).ToList();
            if (!allowLegacy && legacyOffered.Count > 0)
            {
                return new RemoteException(
                    RemoteFailureKind.NoCommonAlgorithm,
                    target,
                    $"{target.Host}: {where} offers only legacy SSH {Plural(kind)} ({string.Join(", ", offered)}), which ogscale refuses by default; not connecting as {target.User}",
                    $"configure sshd on {target.Host} to offer a modern {kind} ({string.Join(", ", modern.Take(3))}, ...), " +
                    $"or, for an old host on a network you trust, run again with {SshAlgorithms.AllowLegacyOption} to accept {string.Join(", ", legacyOffered)}");
            }

            return new RemoteException(
                RemoteFailureKind.NoCommonAlgorithm,
                target,
                $"{target.Host}: {where} offers no SSH {kind} ogscale supports (it offers {(offered.Count == 0 ? "none" : string.Join(", ", offered))}); not connecting as {target.User}",
                $"configure sshd on {target.Host} to offer one of: {string.Join(", ", allowed)}");
        }

        return null;
    }

    /// <summary>Connects, sends an identification string, and reads the server's first packet (always unencrypted).</summary>
    public static async Task<ServerAlgorithms?> ReadAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, limit.Token).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync("SSH-2.0-ogscale_algorithm_check\r\n"u8.ToArray(), limit.Token).ConfigureAwait(false);

            // The server may send other lines before its identification (RFC 4253 section 4.2).
            string line;
            do
            {
                line = await ReadLineAsync(stream, limit.Token).ConfigureAwait(false);
            }
            while (!line.StartsWith("SSH-", StringComparison.Ordinal));

            var header = await ReadExactlyAsync(stream, 5, limit.Token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length < 2 || length > 256 * 1024)
            {
                return null;
            }

            var rest = await ReadExactlyAsync(stream, (int)length - 1, limit.Token).ConfigureAwait(false);
            var payload = rest.AsSpan(0, Math.Max(0, rest.Length - header[4]));
            return Parse(payload);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The lists from a KEXINIT payload (message type, cookie, ten name-lists, ...), or null if it is not one.</summary>
    internal static ServerAlgorithms? Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 17 || payload[0] != KexInit)
        {
            return null;
        }

        var lists = new List<string[]>();
        var at = 17;
        for (var i = 0; i < 6; i++)
        {
            if (at + 4 > payload.Length)
            {
                return null;
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(payload[at..]);
            if (size > payload.Length - at - 4)
            {
                return null;
            }

            var text = Encoding.ASCII.GetString(payload.Slice(at + 4, (int)size));
            lists.Add(text.Split(',', StringSplitOptions.RemoveEmptyEntries));
            at += 4 + (int)size;
        }

        return new ServerAlgorithms(lists[0], lists[1], [.. lists[2].Union(lists[3], StringComparer.Ordinal)], [.. lists[4].Union(lists[5], StringComparer.Ordinal)]);
    }

    // chacha20-poly1305 and AES-GCM carry their own integrity: a server offering one of them needs no MAC in common.
    private bool AeadCipherAgreed(bool allowLegacy) =>
        Ciphers.Any(c => (c.Contains("-gcm@", StringComparison.Ordinal) || c.StartsWith("chacha20-poly1305", StringComparison.Ordinal))
            && (SshAlgorithms.ModernCiphers.Contains(c, StringComparer.Ordinal) || (allowLegacy && SshAlgorithms.LegacyCiphers.Contains(c, StringComparer.Ordinal))));

    private static string Plural(string kind) => kind switch
    {
        "key exchange" => "key exchange algorithms",
        "host key" => "host key algorithms",
        "cipher" => "ciphers",
        _ => "MACs",
    };

    private static async Task<string> ReadLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < 8192)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("the server closed the connection");
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        throw new FormatException("no SSH identification line");
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}
