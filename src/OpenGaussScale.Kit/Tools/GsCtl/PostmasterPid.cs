using System.Globalization;
using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>How to reach the running server of a data directory, read from its postmaster.pid (port line 4, socket dir line 5).</summary>
public static class PostmasterPid
{
    public static ConnectionTarget? LocalTarget(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (!File.Exists(dataDirectory.PostmasterPid))
        {
            return null;
        }

        var lines = File.ReadAllLines(dataDirectory.PostmasterPid);
        if (lines.Length < 5 || !int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        var socket = lines[4].Trim();
        var listen = lines.Length > 5 ? lines[5].Trim() : string.Empty;
        var host = socket.Length > 0 ? socket : listen.Split(',')[0].Trim();
        return host.Length == 0 ? null : new ConnectionTarget(host, port, Cli.KitServices.CurrentUser);
    }
}
