using OpenGaussScale.Playground.Hosts;
using System.Globalization;

namespace OpenGaussScale.Playground.Engines;

/// <summary>The primary's postgresql.conf settings and pg_hba.conf: its own address only, never localhost or *.</summary>
public static class PostgresConfText
{
    public static string Settings(PlaygroundHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return string.Create(CultureInfo.InvariantCulture, $"""

            # --- ogscale-playground: {host.Name} ---
            listen_addresses = '{host.Address}'
            port = {PlaygroundLayout.DataPort}
            unix_socket_directories = '{PlaygroundLayout.TmpPath}'
            wal_level = replica
            max_wal_senders = 20
            max_replication_slots = 20
            hot_standby = on
            wal_log_hints = on

            """);
    }

    /// <summary>Local trust and the host's own address; later tools add the other hosts' lines.</summary>
    public static string Hba(PlaygroundHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return $"""
            # pg_hba.conf of {host.Name}, written by ogscale-playground
            # TYPE  DATABASE     USER  ADDRESS          METHOD
            local   all          all                    trust
            local   replication  all                    trust
            host    all          omm   {host.Address}/32    trust

            """;
    }
}
