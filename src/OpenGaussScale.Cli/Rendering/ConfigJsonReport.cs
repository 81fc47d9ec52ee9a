using OpenGaussScale.Core.Config;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// `--output json`: for a valid file `{"clusterName", "hasClusterManager", "nodes": [...], "warnings": [...]}`; for an
/// invalid one `{"errors": [...], "warnings": [...]}`. Written field by field so the names are the contract.
/// </summary>
internal static class ConfigJsonReport
{
    // Relaxed escaping keeps quotes and apostrophes readable in messages; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(ConfigLoadResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            if (result.Config is ClusterConfig config)
            {
                json.WriteString("clusterName", config.ClusterName);
                json.WriteBoolean("hasClusterManager", config.HasClusterManager);
                json.WriteStartArray("nodes");
                foreach (var node in config.Nodes)
                {
                    WriteNode(json, node);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteDiagnostics(json, "errors", result.Errors);
            }

            WriteDiagnostics(json, "warnings", result.Warnings);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, NodeConfig node)
    {
        json.WriteStartObject();
        json.WriteString("name", node.Name);
        json.WriteString("backIp", node.BackIp);
        json.WriteString("sshIp", node.SshIp);
        json.WriteNumber("sshPort", node.SshPort);
        json.WriteString("role", node.Role.ToWireName());
        json.WriteString("dataDir", node.DataDir);
        json.WriteNumber("port", node.Port);
        json.WriteString("azName", node.AzName);
        json.WriteNumber("azPriority", node.AzPriority);
        json.WriteEndObject();
    }

    private static void WriteDiagnostics(Utf8JsonWriter json, string name, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        json.WriteStartArray(name);
        foreach (var diagnostic in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("file", diagnostic.File);
            json.WriteNumber("line", diagnostic.Line);
            json.WriteString("message", diagnostic.Message);
            if (diagnostic.Hint is null)
            {
                json.WriteNull("hint");
            }
            else
            {
                json.WriteString("hint", diagnostic.Hint);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
