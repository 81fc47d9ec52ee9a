using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpenGaussScale.Playground.Os;

/// <summary>TCP listeners from /proc/net/tcp and tcp6 (what `ss -Hltn` shows), and a bind test for a free port.</summary>
public static class ListeningSockets
{
    /// <summary>Every IPv4 and IPv6 listening endpoint (address as text, port).</summary>
    public static IReadOnlyList<(string Address, int Port)> All()
    {
        var result = new List<(string, int)>();
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
    public static IEnumerable<(string Address, int Port)> Parse(string procNetTcp)
    {
        ArgumentNullException.ThrowIfNull(procNetTcp);
        foreach (var line in procNetTcp.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != "0A")
            {
                continue;
            }

            var local = fields[1].Split(':');
            yield return (DecodeAddress(local[0]), int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True when something listens on exactly this address and port.</summary>
    public static bool IsListening(string address, int port) => All().Any(l => l.Address == address && l.Port == port);

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
