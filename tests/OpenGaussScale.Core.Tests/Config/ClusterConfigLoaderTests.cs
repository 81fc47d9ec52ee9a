using OpenGaussScale.Core.Config;
using System.Text;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>How the loader reads files and builds the model: defaults, roles, normalisation, file-level failures.</summary>
public sealed class ClusterConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Roles_data_dirs_and_ssh_endpoints_come_from_dataNode1_and_each_device()
    {
        var result = ClusterConfigLoader.Parse(ConfigFixtures.ValidXml, "c.xml");
        Assert.Empty(result.Diagnostics);
        var config = result.Config!;
        Assert.Equal(
            [
                ("node1", NodeRole.Primary, "/opt/og/data/dn", "10.0.0.1", 22),
                ("node2", NodeRole.Standby, "/opt/og/data/dn2", "10.0.0.2", 22),
                ("node3", NodeRole.CascadeStandby, "/opt/og/data/dn3", "127.0.0.13", 2222),
            ],
            config.Nodes.Select(n => (n.Name, n.Role, n.DataDir, n.SshIp, n.SshPort)));
        Assert.Equal("node1", config.Primary.Name);
        Assert.Equal(["node2", "node3"], config.Standbys.Select(n => n.Name));
        Assert.Equal("node3", config.FindByBackIp("10.0.0.3")?.Name);
        Assert.Equal(2, config.FindByName("node3")?.AzPriority);
    }

    [Fact]
    public void Defaults_are_openGauss_defaults_port_40000_and_log_path_var_log_gaussdb()
    {
        var config = ClusterConfigLoader.Parse(ConfigFixtures.ValidXml, "c.xml").Config!;
        Assert.All(config.Nodes, n => Assert.Equal(40000, n.Port));
        Assert.Equal((40001, 40004, 40005), (config.Nodes[1].ReplicationPort, config.Nodes[1].ServicePort, config.Nodes[1].HeartbeatPort));
        Assert.Equal("/var/log/gaussdb", config.LogPath);
        Assert.Null(config.TmpPath);
    }

    [Fact]
    public void Every_node_uses_the_primary_dataPortBase()
    {
        var xml = ConfigFixtures.ValidXml.Replace(
            """<PARAM name="backIp1" value="10.0.0.1"/>""",
            """<PARAM name="backIp1" value="10.0.0.1"/><PARAM name="dataPortBase" value="65530"/>""",
            StringComparison.Ordinal);
        var config = ClusterConfigLoader.Parse(xml, "c.xml").Config!;
        Assert.All(config.Nodes, n => Assert.Equal(65530, n.Port));
        Assert.Equal(65535, config.Nodes[2].HeartbeatPort);
    }

    [Fact]
    public void Values_and_list_items_are_trimmed()
    {
        var xml = ConfigFixtures.ValidXml
            .Replace("value=\"node1,node2,node3\"", "value=\" node1 , node2,node3 \"", StringComparison.Ordinal)
            .Replace("value=\"/opt/og/data/dn,node2,", "value=\"/opt/og/data/dn , node2 ,", StringComparison.Ordinal);
        var result = ClusterConfigLoader.Parse(xml, "c.xml");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("/opt/og/data/dn2", result.Config!.FindByName("node2")?.DataDir);
    }

    [Fact]
    public void IPv6_addresses_are_compressed_and_compared_in_that_form()
    {
        var xml = ConfigFixtures.ValidXml
            .Replace("10.0.0.1,10.0.0.2,10.0.0.3", "fd00::1,FD00:0:0:0::2,fd00::3", StringComparison.Ordinal)
            .Replace("value=\"10.0.0.1\"", "value=\"FD00:0000::1\"", StringComparison.Ordinal)
            .Replace("value=\"10.0.0.2\"", "value=\"fd00::2\"", StringComparison.Ordinal)
            .Replace("value=\"10.0.0.3\"", "value=\"fd00::3\"", StringComparison.Ordinal)
            .Replace("value=\"127.0.0.13\"", "value=\"::1\"", StringComparison.Ordinal);
        var result = ClusterConfigLoader.Parse(xml, "c.xml");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["fd00::1", "fd00::2", "fd00::3"], result.Config!.Nodes.Select(n => n.BackIp));
        Assert.Equal("::1", result.Config.Nodes[2].SshIp);
        Assert.Equal("node1", result.Config.FindByBackIp("fd00::1")?.Name);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_sorted_by_line()
    {
        var xml = ConfigFixtures.ValidXml
            .Replace("value=\"/opt/og/app\"", "value=\"app\"", StringComparison.Ordinal)
            .Replace("<PARAM name=\"azPriority\" value=\"2\"/>", "<PARAM name=\"azPriority\" value=\"12\"/>", StringComparison.Ordinal)
            .Replace("value=\"10.0.0.2\"", "value=\"10.0.0.256\"", StringComparison.Ordinal);
        var result = ClusterConfigLoader.Parse(xml, "c.xml");
        Assert.Equal(
            [
                "c.xml:6: gaussdbAppPath 'app' is not an absolute path",
                "c.xml:23: backIp1: '10.0.0.256' is not a valid IP address",
                "c.xml:28: azPriority must be a whole number from 1 to 10, not '12'",
            ],
            ConfigFixtures.Lines(result));
        Assert.Null(result.Config);
    }

    [Fact]
    public void A_flood_of_problems_is_cut_at_1000_with_a_count_of_the_rest()
    {
        var names = string.Join(',', Enumerable.Range(0, 1500).Select(i => $"-bad{i}"));
        var xml = ConfigFixtures.ValidXml.Replace("value=\"node1,node2,node3\"", $"value=\"{names}\"", StringComparison.Ordinal);
        var result = ClusterConfigLoader.Parse(xml, "c.xml");
        Assert.Equal(1000, result.Diagnostics.Count);
        Assert.Equal("c.xml:5: nodeNames: '-bad0' is not a valid host name (a label starts or ends with '-')", result.Diagnostics[0].ToString());
        Assert.Equal("c.xml:5: 2005 more problems from this line on are not shown (2005 of them errors)", result.Diagnostics[^1].ToString());
    }

    [Fact]
    public void Predefined_entities_are_decoded_and_then_checked()
    {
        var xml = ConfigFixtures.ValidXml.Replace("value=\"c1\"", "value=\"c1&amp;&amp;reboot\"", StringComparison.Ordinal);
        Assert.Equal(["c.xml:4: the value of clusterName contains '&', which is not allowed"], ConfigFixtures.Lines(ClusterConfigLoader.Parse(xml, "c.xml")));
    }

    [Fact]
    public void An_undeclared_entity_is_not_well_formed_and_nothing_is_resolved()
    {
        var xml = ConfigFixtures.ValidXml.Replace("value=\"c1\"", "value=\"&xxe;\"", StringComparison.Ordinal);
        Assert.Equal(
            ["c.xml:4: the XML is not well-formed: reference to undeclared entity 'xxe'"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(xml, "c.xml")));
    }

    [Fact]
    public void A_doctype_in_any_case_or_inside_a_comment_is_refused_as_openGauss_does()
    {
        var xml = ConfigFixtures.ValidXml.Replace("<ROOT>", "<!-- <!doctype x> -->\n<ROOT>", StringComparison.Ordinal);
        Assert.Equal(
            ["c.xml:2: <!DOCTYPE is not allowed in a cluster XML: document type and entity declarations are refused, never expanded"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(xml, "c.xml")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public void An_empty_file_is_one_error(string text)
    {
        Assert.Equal(["c.xml: the file is empty"], ConfigFixtures.Lines(ClusterConfigLoader.Parse(text, "c.xml")));
    }

    [Fact]
    public void Load_reads_a_file_with_a_byte_order_mark_and_names_it_as_given()
    {
        var path = Path.Combine(_dir, "bom.xml");
        File.WriteAllText(path, ConfigFixtures.ValidXml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var result = ClusterConfigLoader.Load(path);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(path, result.Config!.FilePath);
    }

    [Fact]
    public void Load_of_a_missing_file_is_one_error_naming_it()
    {
        var path = Path.Combine(_dir, "nope.xml");
        var result = ClusterConfigLoader.Load(path);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal($"{path}: the file does not exist", error.ToString());
        Assert.Equal("check the path given with -X", error.Hint);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Load_of_a_directory_is_one_error()
    {
        Assert.Equal([$"{_dir}: this is a directory, not a cluster XML file"], ConfigFixtures.Lines(ClusterConfigLoader.Load(_dir)));
    }

    [Fact]
    public void Load_of_a_file_over_1_MiB_is_one_error_and_reads_no_further()
    {
        var path = Path.Combine(_dir, "big.xml");
        File.WriteAllBytes(path, new byte[(1024 * 1024) + 1]);
        Assert.Equal(
            [$"{path}: the file is larger than 1 MiB (1048577 bytes); a cluster XML is a few kilobytes"],
            ConfigFixtures.Lines(ClusterConfigLoader.Load(path)));
    }

    [Fact]
    public void Text_over_1_MiB_is_one_error()
    {
        var text = ConfigFixtures.ValidXml + new string(' ', 1024 * 1024);
        Assert.Equal(
            [$"c.xml: the file is larger than 1 MiB ({text.Length} characters); a cluster XML is a few kilobytes"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(text, "c.xml")));
    }

    [Fact]
    public void A_file_of_exactly_1_MiB_is_read()
    {
        var padding = (1024 * 1024) - Encoding.UTF8.GetByteCount(ConfigFixtures.ValidXml);
        var bytes = Encoding.UTF8.GetBytes(ConfigFixtures.ValidXml + new string(' ', padding));
        Assert.Equal(1024 * 1024, bytes.Length);
        Assert.NotNull(ClusterConfigLoader.ParseBytes(bytes, "c.xml").Config);
    }
}
