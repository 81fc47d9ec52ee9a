using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Remote;

public sealed class EnvironmentFileChoiceTests
{
    [Fact]
    public void The_option_wins_over_the_variable_and_bashrc()
    {
        var choice = EnvironmentFileChoice.Choose("/home/omm/env", "/opt/sep_env");

        Assert.Equal(new EnvironmentFileChoice("/home/omm/env", EnvironmentFileSource.Option), choice);
    }

    [Fact]
    public void The_separate_env_variable_is_used_when_no_option_is_given()
    {
        var choice = EnvironmentFileChoice.Choose(null, "/opt/sep_env");

        Assert.Equal(new EnvironmentFileChoice("/opt/sep_env", EnvironmentFileSource.SeparateEnvironmentVariable), choice);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("  ", " ")]
    public void Without_option_or_variable_the_users_bashrc_is_sourced(string? option, string? variable)
    {
        var choice = EnvironmentFileChoice.Choose(option, variable);

        Assert.Equal(new EnvironmentFileChoice("~/.bashrc", EnvironmentFileSource.Bashrc), choice);
    }

    [Fact]
    public void A_tilde_environment_file_is_the_home_of_the_user_the_command_runs_as()
    {
        var home = Directory.CreateTempSubdirectory("ogscale-home-");
        try
        {
            File.WriteAllText(Path.Combine(home.FullName, ".bashrc"), "export OGSCALE_FROM_BASHRC=yes\n");
            var command = new RemoteCommand(["sh", "-c", "printf %s \"$OGSCALE_FROM_BASHRC\""]) { EnvironmentFile = EnvironmentFileChoice.UserBashrc };
            var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(command.ToShellText());
            info.Environment["HOME"] = home.FullName;
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("yes", output);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
