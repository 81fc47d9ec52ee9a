using CsCheck;
using OpenGaussScale.Core.Config;
using System.Text;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// Whatever the file holds, the loader returns diagnostics and never throws; a result has a model exactly when it
/// has no error, and a model always satisfies the cluster invariants.
/// </summary>
public sealed class ParserSafetyPropertyTests
{
    private static readonly string[] Seeds =
    [
        ConfigFixtures.ValidXml,
        .. Directory.GetFiles(ConfigFixtures.DataDir, "*.xml").Select(File.ReadAllText),
    ];

    // Characters that matter to XML and to the rules, so mutations hit syntax and values rather than just text.
    private const string Interesting = "<>/=\"'&;!?-[]#,.:_ \n\tABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789()$`\\{}*%\u0000\u00e9\ud83d";

    [Fact]
    public void Random_bytes_never_throw_and_return_errors()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            var result = ClusterConfigLoader.ParseBytes(bytes, "random.xml");
            AssertConsistent(result);
            Assert.NotEmpty(result.Errors);
        }, iter: 2000);
    }

    [Fact]
    public void Random_strings_never_throw_and_return_errors()
    {
        Gen.String[Gen.Char, 0, 2000].Sample(text =>
        {
            var result = ClusterConfigLoader.Parse(text, "random.xml");
            AssertConsistent(result);
            Assert.NotEmpty(result.Errors);
        }, iter: 2000);
    }

    [Fact]
    public void Mutated_valid_files_never_throw_and_any_model_is_sound()
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Double.Unit, Gen.Int[0, 40], Gen.String[Gen.Char[Interesting], 0, 12]);
        Gen.Select(Gen.Int[0, Seeds.Length - 1], mutation.Array[1, 6]).Sample((seed, mutations) =>
        {
            var text = mutations.Aggregate(Seeds[seed], Mutate);
            AssertConsistent(ClusterConfigLoader.Parse(text, "mutated.xml"));
            AssertConsistent(ClusterConfigLoader.ParseBytes(Encoding.UTF8.GetBytes(text), "mutated.xml"));
        }, iter: 3000);
    }

    [Fact]
    public void Random_clusters_from_valid_and_invalid_values_never_throw_and_any_model_is_sound()
    {
        var value = Gen.OneOf(
            Gen.OneOf("node1", "node2", "node3", "node4", "node_5", "-bad", "", "10.0.0.1", "10.0.0.2", "fd00::1", "1.2.3", "0.0.0.0",
                "/opt/og/dn", "/opt//dn", "dn", "/", "AZ1", "AZ2", "on", "off", "yes", "1", "0", "11", "65530", "65531", "70000",
                "node2,/opt/og/dn", "/opt/og/dn,node2,/opt/og/dn,node3,/opt/og/dn", "ANY 1(node2)", "a;b", "x\ny"),
            Gen.String[Gen.Char[Interesting], 0, 10]);
        var name = Gen.OneOf(Gen.OneOf([.. ParamNames.Cluster, .. ParamNames.Device, "syncNode_node1", "floatIp1", "bogus"]), Gen.String[Gen.Char[Interesting], 0, 8]);
        var section = Gen.Select(name, value).Array[0, 12];
        Gen.Select(section, section.Array[0, 10]).Sample((cluster, devices) =>
        {
            var xml = new StringBuilder("<ROOT>\n<CLUSTER>\n");
            AppendParams(xml, cluster);
            xml.Append("</CLUSTER>\n<DEVICELIST>\n");
            foreach (var device in devices)
            {
                xml.Append("<DEVICE>\n");
                AppendParams(xml, device);
                xml.Append("</DEVICE>\n");
            }

            xml.Append("</DEVICELIST>\n</ROOT>\n");
            AssertConsistent(ClusterConfigLoader.Parse(xml.ToString(), "generated.xml"));
        }, iter: 3000);
    }

    private static void AppendParams(StringBuilder xml, (string Name, string Value)[] items)
    {
        foreach (var (name, value) in items)
        {
            xml.Append("<PARAM name=\"").Append(Escape(name)).Append("\" value=\"").Append(Escape(value)).Append("\"/>\n");
        }
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text.Replace("\0", "", StringComparison.Ordinal)) ?? "";

    // 0 delete a span, 1 insert text, 2 duplicate a span, 3 replace a span.
    private static string Mutate(string text, (int Kind, double At, int Length, string Insert) m)
    {
        var at = (int)(m.At * text.Length);
        var length = Math.Min(m.Length, text.Length - at);
        return m.Kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, m.Insert),
            2 => text.Insert(at, text.Substring(at, length)),
            _ => text.Remove(at, length).Insert(at, m.Insert),
        };
    }

    private static void AssertConsistent(ConfigLoadResult result)
    {
        Assert.Equal(result.Config is null, result.Errors.Any());
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Line).Select(d => d.Line), result.Diagnostics.Select(d => d.Line));
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.True(diagnostic.Line >= 0);
            Assert.DoesNotContain('\n', diagnostic.ToString());
            Assert.DoesNotContain('\r', diagnostic.ToString());
        }

        if (result.Config is not ClusterConfig config)
        {
            return;
        }

        Assert.Single(config.Nodes, n => n.Role == NodeRole.Primary);
        Assert.InRange(config.Nodes.Count, 1, 9);
        Assert.Equal(config.Nodes.Count, config.Nodes.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(config.Nodes.Count, config.Nodes.Select(n => n.BackIp).Distinct(StringComparer.Ordinal).Count());
        foreach (var node in config.Nodes)
        {
            Assert.Null(PathRule.Check(node.DataDir));
            Assert.Equal(PathRule.Normalize(node.DataDir), node.DataDir);
            Assert.InRange(node.HeartbeatPort, 6, 65535);
            Assert.InRange(node.AzPriority, 1, 10);
            Assert.Null(HostNameRule.Problem(node.Name));
            Assert.NotNull(IpAddressRule.Parse(node.BackIp, "backIp1", 1, out _));
        }

        foreach (var cascade in config.Nodes.Where(n => n.IsCascade))
        {
            Assert.Contains(config.Nodes, n => n.Role == NodeRole.Standby && n.AzName == cascade.AzName);
        }
    }
}
