using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Dropnode;

/// <summary>
/// A running cluster for drop tests: node1 primary, node2 and node3 standbys streaming from it, node4 a cascade
/// streaming from node2 (all AZ1, all Normal, members).
/// </summary>
internal static class DropFixtures
{
    public const string P = "10.0.0.1";
    public const string S2 = "10.0.0.2";
    public const string S3 = "10.0.0.3";
    public const string C4 = "10.0.0.4";

    public static readonly ClusterConfig Cluster = WithCascade(TestContexts.Cluster(P, S2, S3, C4));

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 23, 10, 42, TimeSpan.Zero);

    public static DropnodeRequest Request(params string[] hosts) => new()
    {
        Config = Cluster,
        Hosts = hosts,
        User = "omm",
        Group = "dbgrp",
        Timeout = TimeSpan.FromSeconds(300),
        EnvironmentFile = "~/.bashrc",
        StartedAt = Start,
    };

    /// <summary>The state an openGauss probe gives: full replconninfo mesh in XML order, dn_600N names, sync names as given.</summary>
    public static ClusterState OpenGauss(string primarySyncNames = "", Func<NodeStatus, NodeStatus>? change = null)
    {
        NodeStatus Member(NodeConfig n, LiveRole role, string? upstream, string sync) => new()
        {
            Node = n, Reachable = true, IsMember = true, Running = true, Role = role, State = "Normal", InstanceId = 6001 + n.Index, Upstream = upstream,
            Settings = new Dictionary<string, string>(ReplicationMesh.Desired(n, Cluster.Nodes).Select((v, i) => new KeyValuePair<string, string>(ReplConnInfo.SettingName(i + 1), v)))
            {
                ["application_name"] = $"dn_{6001 + n.Index}", ["available_zone"] = "AZ1", ["synchronous_standby_names"] = sync, ["status_data_dir"] = n.DataDir, ["status_node_name"] = n.Name,
            },
        };
        var nodes = new List<NodeStatus>
        {
            Member(Cluster.Nodes[0], LiveRole.Primary, null, primarySyncNames),
            Member(Cluster.Nodes[1], LiveRole.Standby, P, ""),
            Member(Cluster.Nodes[2], LiveRole.Standby, P, ""),
            Member(Cluster.Nodes[3], LiveRole.CascadeStandby, S2, ""),
        };
        return new ClusterState
        {
            ClusterStateText = "Normal",
            Facts = new OgFacts
            {
                StatusSucceeded = true, Members = [P, S2, S3, C4],
                Environment = new OgEnvironment(GaussHome: "/opt/app", GpHome: "/opt/om", PgHost: "/opt/tmp", GaussLog: "/var/log/omm/omm"),
            },
            Nodes = [.. nodes.Select(n => change is null ? n : change(n))],
        };
    }

    /// <summary>The state a PostgreSQL probe gives: slots of node2 and node3 on the primary, node4's on node2.</summary>
    public static ClusterState PostgreSql(string primarySyncNames = "", Func<NodeStatus, NodeStatus>? change = null)
    {
        NodeStatus Member(NodeConfig n, LiveRole role, string? upstream, string sync, string slots) => new()
        {
            Node = n, Reachable = true, IsMember = true, Running = true, Role = role, State = "Normal", Upstream = upstream,
            Settings = new Dictionary<string, string>
            {
                ["synchronous_standby_names"] = sync, ["slot_names"] = slots, ["hba_file"] = $"{n.DataDir}/pg_hba.conf",
            },
        };
        var nodes = new List<NodeStatus>
        {
            Member(Cluster.Nodes[0], LiveRole.Primary, null, primarySyncNames, "node2,node3"),
            Member(Cluster.Nodes[1], LiveRole.Standby, P, "", "node4"),
            Member(Cluster.Nodes[2], LiveRole.Standby, P, "", ""),
            Member(Cluster.Nodes[3], LiveRole.CascadeStandby, S2, "", ""),
        };
        return new ClusterState
        {
            ClusterStateText = "Normal",
            Facts = new PgFacts { Home = "/home/omm" },
            Nodes = [.. nodes.Select(n => change is null ? n : change(n))],
        };
    }

    private static ClusterConfig WithCascade(ClusterConfig cluster) =>
        cluster with { TmpPath = "/opt/tmp", Nodes = [.. cluster.Nodes.Select(n => n.Index == 3 ? n with { Role = NodeRole.CascadeStandby } : n)] };
}
