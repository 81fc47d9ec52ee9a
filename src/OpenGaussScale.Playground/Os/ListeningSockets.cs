using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenGaussScale.Playground.Os;

/// <summary>A listening TCP socket: its address (as text), port and socket inode.</summary>
public sealed record Listener(string Address, int Port, long Inode);

/// <summary>TCP listeners from /proc/net/tcp and tcp6 (what `ss -Hltn` shows), their owners, and a bind test for a free port.</summary>
public static class ListeningSockets
{
    /// <summary>Every IPv4 and IPv6 listening socket.</summary>
    public static IReadOnlyList<Listener> All()
    {
        var result = new List<Listener>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            result.AddRange(Parse(File.ReadAllText(file)));
        }

        return result;
    }

    /// <summary>The listeners in one /proc/net/tcp[6] text (state 0A).</summary>
    public static IEnumerable<Listener> Parse(string procNetTcp)
    {
        ArgumentNullException.ThrowIfNull(procNetTcp);
        foreach (var line in procNetTcp.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != "0A")
            {
                continue;
            }

            var local = fields[1].Split(':');
            yield return new Listener(
                DecodeAddress(local[0]),
                int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True when something listens on exactly this address and port.</summary>
    public static bool IsListening(string address, int port) => All().Any(l => l.Address == address && l.Port == port);

    /// <summary>The PIDs that hold a socket (by its inode), from the /proc/PID/fd links; empty when none is found.</summary>
    public static IReadOnlyList<int> Owners(long inode)
    {
        var target = string.Create(CultureInfo.InvariantCulture, $"socket:[{inode}]");
        var owners = new List<int>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(proc, "fd")).Any(fd => new FileInfo(fd).LinkTarget == target))
                {
                    owners.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while we looked
            }
        }

        return owners;
    }

    /// <summary>True when this process could bind the address and port now (nothing else holds it, wildcard listeners included).</summary>
    public static bool CanBind(string address, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The kernel prints addresses as the raw 32-bit words in host (little-endian) order.
    private static string DecodeAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var i = 0; i < bytes.Length; i += 4)
        {
            Array.Reverse(bytes, i, 4);
        }

        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
