using OpenGaussScale.Core.Errors;
using System.Text.Json;

namespace OpenGaussScale.Cli.Tests;

/// <summary>`ogscale config validate` in-process: what a user sees on stdout and stderr, and the exit code.</summary>
public sealed class ConfigValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-cli-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task Text_prints_a_summary_with_every_node_and_the_warnings_on_stderr()
    {
        var file = Sample("docs-en-1primary-1standby.xml");
        var run = await CliHarness.RunAsync("config", "validate", "-X", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            [
                "cluster Cluster_template: 1 primary, 1 standby (replication ports 15401, 15404, 15405)",
                "",
                "NAME            ROLE     BACK IP      SSH             DATA DIR                     PORT   AZ (PRIORITY)",
                "node1_hostname  primary  192.168.0.1  192.168.0.1:22  /opt/huawei/install/data/dn  15400  AZ1 (1)",
                "node2_hostname  standby  192.168.0.2  192.168.0.2:22  /opt/huawei/install/data/dn  15400  AZ1 (1)",
                "",
                $"{file}: valid, 1 warning on stderr",
            ],
            Lines(run.Stdout));
        Assert.Equal(
            [
                $"{file}:10: warning: host names 'node1_hostname', 'node2_hostname' contain '_', which RFC 1123 does not allow",
                "hint: openGauss's samples use such names and /etc/hosts resolves them, but DNS and some tools refuse them",
            ],
            Lines(run.Stderr));
    }

    [Fact]
    public async Task Text_shows_cascades_and_says_when_the_cluster_has_cm()
    {
        var file = Sample("docs-en-1primary-1standby-1cascade-with-cm.xml");
        var run = await CliHarness.RunAsync("config", "validate", "-X", file);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("cluster Cluster_template: 1 primary, 1 standby, 1 cascade standby (replication ports 26001, 26004, 26005)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("node3_hostname  cascade_standby  192.168.0.3", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("cluster manager (CM): present; ogscale does not drive CM yet (see the warning)\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"{file}:30: warning: this cluster has the cluster manager (CM) component: ogscale does not drive CM yet, and expand and dropnode will refuse this cluster\n",
            run.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_model_with_the_documented_fields()
    {
        var file = Sample("constructed-expansion-1p1s-add-standby-and-cascade.xml");
        var run = await CliHarness.RunAsync("config", "validate", "-X", file, "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("Cluster_template", root.GetProperty("clusterName").GetString());
        Assert.False(root.GetProperty("hasClusterManager").GetBoolean());
        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(
            [
                ("node1_hostname", "primary", "192.168.0.1"),
                ("node2_hostname", "standby", "192.168.0.2"),
                ("node3_hostname", "standby", "192.168.0.3"),
                ("node4_hostname", "cascade_standby", "192.168.0.4"),
            ],
            nodes.Select(n => (n.GetProperty("name").GetString(), n.GetProperty("role").GetString(), n.GetProperty("backIp").GetString())));
        var node4 = nodes[3];
        Assert.Equal(
            ["name", "backIp", "sshIp", "sshPort", "role", "dataDir", "port", "azName", "azPriority"],
            node4.EnumerateObject().Select(p => p.Name));
        Assert.Equal("192.168.0.4", node4.GetProperty("sshIp").GetString());
        Assert.Equal(22, node4.GetProperty("sshPort").GetInt32());
        Assert.Equal("/opt/huawei/install/data/dn", node4.GetProperty("dataDir").GetString());
        Assert.Equal(15400, node4.GetProperty("port").GetInt32());
        Assert.Equal("AZ1", node4.GetProperty("azName").GetString());
        Assert.Equal(1, node4.GetProperty("azPriority").GetInt32());

        var warning = Assert.Single(root.GetProperty("warnings").EnumerateArray());
        Assert.Equal(file, warning.GetProperty("file").GetString());
        Assert.Equal(12, warning.GetProperty("line").GetInt32());
        Assert.Equal(
            "host names 'node1_hostname', 'node2_hostname', 'node3_hostname', 'node4_hostname' contain '_', which RFC 1123 does not allow",
            warning.GetProperty("message").GetString());
        Assert.False(root.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Json_marks_a_cm_cluster()
    {
        var run = await CliHarness.RunAsync("config", "validate", "-X", Sample("docs-en-1primary-2standby-with-cm.xml"), "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("hasClusterManager").GetBoolean());
        Assert.Contains(
            json.RootElement.GetProperty("warnings").EnumerateArray(),
            w => w.GetProperty("line").GetInt32() == 29 && w.GetProperty("message").GetString()!.StartsWith("this cluster has the cluster manager (CM) component", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_file_gives_every_error_with_its_line_and_hint_on_stderr_nothing_on_stdout_and_exit_2()
    {
        var file = WriteInvalid();
        var run = await CliHarness.RunAsync("config", "validate", "-X", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            [
                $"{file}:5: parameter clustername is not a valid CLUSTER parameter",
                "hint: did you mean clusterName? (openGauss 6.0 refuses unknown parameters too: GAUSS-51258)",
                $"{file}:10: backIp1s: '10.0.0.300' is not a valid IP address",
                "hint: write an IPv4 address such as 192.168.0.1 (four numbers 0-255, no leading zeros) or an IPv6 address such as fd00::1 (no zone id)",
                $"{file}:17: backIp1: '10.0.0.300' is not a valid IP address",
                "hint: write an IPv4 address such as 192.168.0.1 (four numbers 0-255, no leading zeros) or an IPv6 address such as fd00::1 (no zone id)",
                $"{file}:18: dataNode1 directory 'data/dn' is not an absolute path",
                "hint: write the full path, starting with /",
            ],
            Lines(run.Stderr));
    }

    [Fact]
    public async Task An_invalid_file_in_json_mode_prints_an_errors_document_and_exits_2()
    {
        var file = WriteInvalid();
        var run = await CliHarness.RunAsync("config", "validate", "-X", file, "--output", "json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([5, 10, 17, 18], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal("dataNode1 directory 'data/dn' is not an absolute path", errors[3].GetProperty("message").GetString());
        Assert.Equal("write the full path, starting with /", errors[3].GetProperty("hint").GetString());
        Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.False(json.RootElement.TryGetProperty("nodes", out _));
        Assert.Contains($"{file}:18: dataNode1 directory 'data/dn' is not an absolute path\n", run.Stderr, StringComparison.Ordinal);
    }

    // openGauss-OM normalises data directories (os.path.normpath, then os.path.realpath: DbClusterInfo.py @792253f
    // line 800), so a trailing '/' or a doubled '/' is the same directory, and the model shows it normalised.
    [Fact]
    public async Task Json_shows_data_directories_normalised_as_openGauss_does()
    {
        var file = Path.Combine(_dir, "trailing-slash.xml");
        File.WriteAllText(file, """
            <?xml version="1.0" encoding="UTF-8"?>
            <ROOT>
              <CLUSTER>
                <PARAM name="clusterName" value="c1"/>
                <PARAM name="nodeNames" value="node1,node2"/>
                <PARAM name="gaussdbAppPath" value="/opt/og/app/"/>
                <PARAM name="gaussdbToolPath" value="/opt/og/om"/>
                <PARAM name="corePath" value="/opt/og/core"/>
                <PARAM name="backIp1s" value="10.0.0.1,10.0.0.2"/>
              </CLUSTER>
              <DEVICELIST>
                <DEVICE sn="node1">
                  <PARAM name="name" value="node1"/>
                  <PARAM name="azName" value="AZ1"/>
                  <PARAM name="azPriority" value="1"/>
                  <PARAM name="backIp1" value="10.0.0.1"/>
                  <PARAM name="dataNode1" value="/gauss/data/db1/,node2,/gauss/data/db1//"/>
                </DEVICE>
                <DEVICE sn="node2">
                  <PARAM name="name" value="node2"/>
                  <PARAM name="azName" value="AZ1"/>
                  <PARAM name="azPriority" value="1"/>
                  <PARAM name="backIp1" value="10.0.0.2"/>
                </DEVICE>
              </DEVICELIST>
            </ROOT>
            """);
        var run = await CliHarness.RunAsync("config", "validate", "-X", file, "--output", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(
            [("node1", "/gauss/data/db1"), ("node2", "/gauss/data/db1")],
            json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("name").GetString(), n.GetProperty("dataDir").GetString())));
        Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error_naming_it()
    {
        var file = Path.Combine(_dir, "missing.xml");
        var run = await CliHarness.RunAsync("config", "validate", "-X", file);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            [$"error: -X: the file '{file}' does not exist", "hint: run `ogscale config validate --help` for the usage"],
            Lines(run.Stderr));
    }

    [Theory]
    [InlineData("config")]
    [InlineData("config", "validate")]
    [InlineData("config", "validate", "-X", "SAMPLE", "--output", "yaml")]
    public async Task Incomplete_or_wrong_usage_exits_2_with_nothing_on_stdout(params string[] args)
    {
        var run = await CliHarness.RunAsync([.. args.Select(a => a == "SAMPLE" ? Sample("docs-en-single-node.xml") : a)]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var run = await CliHarness.RunAsync("config", "validate", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("-X, --xml <XMLFILE> (REQUIRED)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--output <text|json>", run.Stdout, StringComparison.Ordinal);
    }

    // Four independent problems on four lines: an unknown name, a bad address (twice), a relative directory.
    private string WriteInvalid()
    {
        var path = Path.Combine(_dir, "invalid.xml");
        File.WriteAllText(path, """
            <?xml version="1.0" encoding="UTF-8"?>
            <ROOT>
              <CLUSTER>
                <PARAM name="clusterName" value="c1"/>
                <PARAM name="clustername" value="c1"/>
                <PARAM name="nodeNames" value="node1"/>
                <PARAM name="gaussdbAppPath" value="/opt/og/app"/>
                <PARAM name="gaussdbToolPath" value="/opt/og/om"/>
                <PARAM name="corePath" value="/opt/og/core"/>
                <PARAM name="backIp1s" value="10.0.0.300"/>
              </CLUSTER>
              <DEVICELIST>
                <DEVICE sn="node1">
                  <PARAM name="name" value="node1"/>
                  <PARAM name="azName" value="AZ1"/>
                  <PARAM name="azPriority" value="1"/>
                  <PARAM name="backIp1" value="10.0.0.300"/>
                  <PARAM name="dataNode1" value="data/dn"/>
                </DEVICE>
              </DEVICELIST>
            </ROOT>
            """);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n')[..^1];
}
