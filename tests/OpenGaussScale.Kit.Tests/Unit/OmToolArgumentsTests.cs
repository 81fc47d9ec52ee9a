using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Tests.Unit;

/// <summary>Option checks that fail before any tool touches the system (so they run anywhere).</summary>
public sealed class OmToolArgumentsTests
{
    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = ToolRegistry.Run(args, new ToolContext(output, error, new Dictionary<string, string>(StringComparer.Ordinal)));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("[GAUSS-50000] : Unrecognized parameter: -l.", "gs_om", "-t", "status", "-l", "x")]
    [InlineData("[GAUSS-50000] : Unrecognized parameter: --distribute.", "gs_om", "-t", "status", "--distribute")]
    [InlineData("[GAUSS-50000] : Unrecognized parameter: --detail.", "gs_om", "-t", "refreshconf", "--detail")]
    [InlineData("[GAUSS-50004] : The parameter '-t' value is incorrect.", "gs_om", "-t", "start")]
    [InlineData("[GAUSS-50001] : Incorrect parameter. Parameter '-X' is required.", "gs_om", "-t", "generateconf")]
    [InlineData("[GAUSS-50000] : Unrecognized parameter: stray.", "gs_om", "-t", "status", "stray")]
    [InlineData("[GAUSS-50004] : The parameter '-t' value is incorrect.", "Install.py", "-t", "install_cm", "-U", "a:b")]
    [InlineData("DCF (paxos) and DSS modes are not supported", "InitInstance.py", "-U", "omm", "--paxos_mode")]
    [InlineData("binary backup -b is not supported", "Backup.py", "-U", "omm", "-P", "/tmp/x", "-b", "--nodeName=n1")]
    [InlineData("[GAUSS-50004] : The parameter '-t' value is incorrect. Use -t reset.", "Resetreplconninfo.py", "-U", "omm", "-t", "other")]
    [InlineData("gsql: invalid option -- 'W'", "gsql", "-W", "secret")]
    [InlineData("the kit only answers --version", "gaussdb", "-D", "/d")]
    public void Bad_options_exit_1_with_the_original_wording(string message, params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tool_is_a_usage_error()
    {
        var (code, _, error) = Run("gs_expansion", "-V");
        Assert.Equal(2, code);
        Assert.Contains("unknown tool gs_expansion", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"^gaussdb \((.*)\) .*", "gaussdb", "--version")]
    [InlineData(@"^gs_om \(.*\) .*", "gs_om", "--version")]
    [InlineData(@"^gsql \(openGauss [0-9.]+ build [0-9a-z]+\) compiled at", "gsql", "-V")]
    public void Versions_match_the_patterns_gs_expansion_parses(string pattern, params string[] args)
    {
        var (code, output, _) = Run(args);
        Assert.Equal(0, code);
        Assert.Matches(pattern, output.TrimEnd('\n'));
    }

    [Fact]
    public void The_commit_id_gsql_V_gives_is_the_build_id()
    {
        var (_, output, _) = Run("gsql", "-V");

        // reference 2.1 (CM local): the text between the last space and the first ')'.
        var upToParen = output[..output.IndexOf(')', StringComparison.Ordinal)];
        Assert.Equal(KitVersion.Default.BuildId, upToParen[(upToParen.LastIndexOf(' ') + 1)..]);
    }

    [Fact]
    public void Gs_preinstall_refuses_a_non_root_user_or_names_missing_options()
    {
        var (code, _, error) = Run("gs_preinstall", "-U", "omm", "-G", "dbgrp");
        Assert.Equal(1, code);
        Assert.True(
            error.Contains("Only a user with the root permission", StringComparison.Ordinal)
            || error.Contains("Parameter '-X' is required", StringComparison.Ordinal),
            error);
    }

    [Theory]
    [InlineData("gs_ctl", "query", "-D", "/d")]
    [InlineData("gs_guc", "check", "-D", "/d", "-c", "port")]
    public void Gs_ctl_and_gs_guc_refuse_root(params string[] args)
    {
        var (code, _, error) = Run(args);
        if (Environment.UserName == "root")
        {
            Assert.Equal(1, code);
            Assert.Contains(": cannot be run as root", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("cannot be run as root", error, StringComparison.Ordinal);
        }
    }
}
