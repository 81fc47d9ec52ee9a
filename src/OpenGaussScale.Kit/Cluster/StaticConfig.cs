using System.Text.Json;
using System.Text.Json.Serialization;
using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Cluster;

/// <summary>
/// The kit's cluster_static_config: JSON text, NOT openGauss's binary format (reference 6.4). It carries the same
/// facts: cluster paths, nodes with ids, names, AZ, IPs, and data node instances (id, data dir, port, type), plus the
/// local node id, which is the only thing that differs between hosts.
/// </summary>
public sealed record StaticConfig(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("note")] string Note,
    [property: JsonPropertyName("localNodeId")] int LocalNodeId,
    [property: JsonPropertyName("cluster")] ClusterDescription Cluster)
{
    public const string FormatName = "ogkit-static-config-1";
    public const string FileName = "cluster_static_config";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static StaticConfig For(ClusterDescription cluster, int localNodeId) =>
        new(FormatName, "ogkit (openGauss command kit over PostgreSQL) text static config; not openGauss's binary format", localNodeId, cluster);

    public string ToJson() => JsonSerializer.Serialize(this, Options) + "\n";

    public static StaticConfig FromJson(string json, string source)
    {
        StaticConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<StaticConfig>(json, Options);
        }
        catch (JsonException e)
        {
            throw new KitException($"[GAUSS-51620] : Failed to obtain local instance information. The static config {source} is not the kit's format: {e.Message}");
        }

        if (config is null || config.Format != FormatName || config.Cluster is null)
        {
            throw new KitException($"[GAUSS-51620] : Failed to obtain local instance information. The static config {source} is not the kit's format ({FormatName})");
        }

        return config;
    }

    /// <summary>$GAUSSHOME/bin/cluster_static_config.</summary>
    public static string PathIn(string gaussHome) => Path.Combine(gaussHome, "bin", FileName);

    public static StaticConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new KitException($"[GAUSS-50201] : The {path} does not exist.");
        }

        return FromJson(File.ReadAllText(path), path);
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ToJson());
    }

    [JsonIgnore]
    public ClusterNode? LocalNode => Cluster.Nodes.FirstOrDefault(n => n.Id == LocalNodeId);
}
