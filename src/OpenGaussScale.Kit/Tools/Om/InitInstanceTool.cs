using System.Globalization;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Processes;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>
/// script/local/InitInstance.py -U USER -l LOG (reference 3.1 step 5.3): initdb of this host's data node from the static
/// config Install.py wrote, then the openGauss settings an OM install leaves: port, listen_addresses 'localhost,IP',
/// unix_socket_directory = $PGHOST, application_name dn_ID, available_zone (the DEVICE's azName), and trust rules for the cluster's addresses.
/// </summary>
public sealed class InitInstanceTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("U", true, "-U"),
        new("l", true, "-l"),
        new("paxos", false, "--paxos_mode"),
        new("dss", false, "--dss_mode"),
        new("dss_config", true, "--dss_config"),
    ];

    public string Name => "InitInstance.py";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        if (parsed.Has("paxos") || parsed.Has("dss") || parsed.Has("dss_config"))
        {
            throw new KitException("[GAUSS-50004] : DCF (paxos) and DSS modes are not supported by the kit.");
        }

        var user = parsed.Last("U") ?? throw OmErrors.Missing("-U");
        if (user != Environment.UserName)
        {
            throw new KitException($"[GAUSS-50004] : The parameter '-U' value is incorrect. Run InitInstance.py as {user}.");
        }

        var log = new OmLog(parsed.Last("l"));
        var config = StaticConfig.Load(StaticConfig.PathIn(context.RequireEnv("GAUSSHOME")));
        var node = config.LocalNode ?? throw new KitException("[GAUSS-51620] : Failed to obtain local instance information from the static config.");
        var installation = Postgres.PgInstallation.FromEnvironment(context.Environment);
        var socketDirectory = context.Env("PGHOST") ?? config.Cluster.TmpPath;
        foreach (var instance in node.DataNodes)
        {
            var dataDirectory = new DataDirectory(instance.DataDirectory);
            log.Write($"initdb {dataDirectory.Path}");
            var result = ProcessRunner.Run(
                installation.Program("initdb"),
                ["-D", dataDirectory.Path, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions"],
                timeout: TimeSpan.FromMinutes(5));
            if (!result.Succeeded)
            {
                throw new KitException($"[GAUSS-51615] : Failed to initialize the instance {dataDirectory.Path}: {result.FailureText}");
            }

            var view = ConfFile.Load(dataDirectory.PostgresqlConf);
            foreach (var (name, value) in Settings(instance, node.AzName, socketDirectory))
            {
                view.Set(name, value);
            }

            view.Save(dataDirectory.PostgresqlConf);
            var hba = HbaFile.Load(dataDirectory.HbaConf);
            foreach (var address in config.Cluster.Nodes.SelectMany(n => n.BackIps).Distinct(StringComparer.Ordinal))
            {
                hba.Apply(new HbaRule("host", "all", user, address + (address.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"), "trust", []));
            }

            hba.Save(dataDirectory.HbaConf);
            log.Write($"initialized {dataDirectory.Path}");
        }

        return 0;
    }

    /// <summary>The openGauss-style settings of a freshly installed data node.</summary>
    public static IReadOnlyList<(string Name, string Value)> Settings(DataNodeInstance instance, string azName, string socketDirectory)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var listen = string.Join(',', instance.ListenIps.Where(ip => ip is not ("127.0.0.1" or "localhost")).Prepend("localhost"));
        return
        [
            ("port", instance.Port.ToString(CultureInfo.InvariantCulture)),
            ("listen_addresses", ConfValue.Quote(listen)),
            ("unix_socket_directory", ConfValue.Quote(socketDirectory)),
            ("application_name", ConfValue.Quote("dn_" + instance.InstanceId.ToString(CultureInfo.InvariantCulture))),
            ("available_zone", ConfValue.Quote(azName)),
            ("wal_level", "hot_standby"),
            ("hot_standby", "on"),
            ("max_wal_senders", "16"),
            ("max_replication_slots", "16"),
            ("wal_log_hints", "on"),
        ];
    }
}
