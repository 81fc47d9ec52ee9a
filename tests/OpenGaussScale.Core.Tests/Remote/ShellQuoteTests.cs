using CsCheck;
using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Remote;

public sealed class ShellQuoteTests
{
    [Theory]
    [InlineData("omm", "omm")]
    [InlineData("/opt/huawei/install/data/dn", "/opt/huawei/install/data/dn")]
    [InlineData("replconninfo1=x", "replconninfo1=x")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(touch /tmp/x)", "'$(touch /tmp/x)'")]
    [InlineData("*", "'*'")]
    [InlineData("~omm", "'~omm'")]
    public void Quote_leaves_plain_words_alone_and_single_quotes_the_rest(string word, string expected)
    {
        Assert.Equal(expected, ShellQuote.Quote(word));
    }

    [Fact]
    public void Join_quotes_each_word_and_separates_with_one_space()
    {
        Assert.Equal("gs_guc set -c 'replconninfo1='\\''localhost=1'\\'''", ShellQuote.Join(["gs_guc", "set", "-c", "replconninfo1='localhost=1'"]));
    }

    [Fact]
    public void Any_string_round_trips_through_sh_unchanged()
    {
        // NUL cannot be in an argv at all; every other character, including newlines and quotes, must survive.
        var words = Gen.String[Gen.Char.Where(c => c != '\0' && !char.IsSurrogate(c)), 0, 40].Array[1, 4];
        words.Sample(
            argv =>
            {
                var script = ShellQuote.Join(["printf", "%s\\0", .. argv]);
                var output = RunSh(script);
                Assert.Equal(string.Concat(argv.Select(a => a + "\0")), output);
            },
            iter: 200);
    }

    [Fact]
    public void Environment_file_is_sourced_before_the_program_and_arguments_stay_argv()
    {
        var envFile = Path.Combine(Path.GetTempPath(), $"ogscale-env-{Guid.NewGuid():N}");
        File.WriteAllText(envFile, "echo banner-that-must-not-show\nexport OGSCALE_TEST_VALUE='from env file'\n");
        try
        {
            var command = new RemoteCommand(["sh", "-c", "printf '%s|%s' \"$OGSCALE_TEST_VALUE\" \"$1\"", "x", "a;b $(id)"]) { EnvironmentFile = envFile };
            Assert.Equal("from env file|a;b $(id)", RunSh(command.ToShellText()));
        }
        finally
        {
            File.Delete(envFile);
        }
    }

    [Fact]
    public void A_missing_environment_file_fails_with_a_message_naming_it()
    {
        var command = new RemoteCommand(["true"]) { EnvironmentFile = "/nonexistent/ogscale-env" };
        var (exitCode, stderr) = RunShWithStatus(command.ToShellText());
        Assert.Equal(126, exitCode);
        Assert.Contains("environment file /nonexistent/ogscale-env is not readable", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tilde_environment_file_is_read_from_the_users_home()
    {
        var home = Path.Combine(Path.GetTempPath(), $"ogscale-home-{Guid.NewGuid():N}");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, ".bashrc"), "export OGSCALE_TEST_VALUE=home-profile\n");
        try
        {
            var command = new RemoteCommand(["sh", "-c", "printf %s \"$OGSCALE_TEST_VALUE\""]) { EnvironmentFile = "~/.bashrc" };
            Assert.Equal("home-profile", RunSh($"HOME={ShellQuote.Quote(home)}; export HOME; {command.ToShellText()}"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string RunSh(string script)
    {
        using var process = StartSh(script);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static (int ExitCode, string Stderr) RunShWithStatus(string script)
    {
        using var process = StartSh(script);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr);
    }

    private static Process StartSh(string script)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return Process.Start(info)!;
    }
}
