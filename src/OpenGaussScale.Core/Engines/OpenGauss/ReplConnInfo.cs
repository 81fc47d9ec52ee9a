using OpenGaussScale.Core.Config;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// One replconninfoN value: the local end and one peer (reference 3.2). ogscale writes `iscascade=true` when the peer
/// is a cascade standby, as gs_install and `gs_om -t refreshconf` do (gs_expansion never writes it: reference 7.3 #6).
/// </summary>
public sealed record ReplConnInfo(
    string LocalHost, int LocalPort, int LocalHeartbeatPort, int LocalService,
    string RemoteHost, int RemotePort, int RemoteHeartbeatPort, int RemoteService, bool IsCascade)
{
    /// <summary>The highest N of replconninfoN (one primary and eight standbys).</summary>
    public const int MaxEntries = 8;

    public static ReplConnInfo Between(NodeConfig local, NodeConfig remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        return new ReplConnInfo(
            local.BackIp, local.ReplicationPort, local.HeartbeatPort, local.ServicePort,
            remote.BackIp, remote.ReplicationPort, remote.HeartbeatPort, remote.ServicePort,
            remote.Role == NodeRole.CascadeStandby);
    }

    /// <summary>The value as gs_guc takes it (without the surrounding quotes).</summary>
    public string Format()
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"localhost={LocalHost} localport={LocalPort} localheartbeatport={LocalHeartbeatPort} localservice={LocalService} ")
            .Append(CultureInfo.InvariantCulture, $"remotehost={RemoteHost} remoteport={RemotePort} remoteheartbeatport={RemoteHeartbeatPort} remoteservice={RemoteService}");
        if (IsCascade)
        {
            text.Append(" iscascade=true");
        }

        return text.ToString();
    }

    /// <summary>Reads a value back (key=value words in any order); null when it is empty or lacks a host.</summary>
    public static ReplConnInfo? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in value.Trim().Trim('\'').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[word[..equals]] = word[(equals + 1)..];
            }
        }

        if (!fields.TryGetValue("localhost", out var localHost) || !fields.TryGetValue("remotehost", out var remoteHost))
        {
            return null;
        }

        int Port(string key) => fields.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new ReplConnInfo(
            localHost, Port("localport"), Port("localheartbeatport"), Port("localservice"),
            remoteHost, Port("remoteport"), Port("remoteheartbeatport"), Port("remoteservice"),
            fields.TryGetValue("iscascade", out var cascade) && string.Equals(cascade, "true", StringComparison.OrdinalIgnoreCase));
    }

    public static string SettingName(int index) => string.Create(CultureInfo.InvariantCulture, $"replconninfo{index}");
}
