using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Tests.Preflight;

/// <summary>The value rules the command line and resume share: each problem a sentence that names the option.</summary>
public sealed class InvocationChecksTests
{
    [Theory]
    [InlineData("", "-U is empty (GAUSS-35701): give the cluster's OS user")]
    [InlineData("om;m", "the value 'om;m' of -U contains ';', which is not allowed in a host, user or group")]
    [InlineData("-oProxy", "-U '-oProxy' is not a valid user name: it ")]
    [InlineData("root", "-U root: the cluster's user cannot be root (GAUSS-50301); give the cluster's OS user, e.g. omm")]
    public void A_user_name_ssh_or_the_original_would_refuse_is_named(string value, string problem)
    {
        Assert.StartsWith(problem, InvocationChecks.NameProblem("-U", value, "user", "the cluster's OS user", "omm"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_posix_user_name_is_fine()
    {
        Assert.Null(InvocationChecks.NameProblem("-U", "omm", "user", "the cluster's OS user", "omm"));
    }

    [Fact]
    public void A_file_must_exist_and_be_a_regular_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Null(InvocationChecks.FileProblem("-X", file));
            Assert.Equal("-X: the file '/nonexistent/c.xml' does not exist", InvocationChecks.FileProblem("-X", "/nonexistent/c.xml"));
            Assert.Equal("-X: '/tmp' is a directory, not a file", InvocationChecks.FileProblem("-X", "/tmp"));
            Assert.Equal("-X needs a file name", InvocationChecks.FileProblem("-X", ""));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(0L, "the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)")]
    [InlineData(2147483647L, "the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)")]
    [InlineData(1L, null)]
    [InlineData(2147483646L, null)]
    public void The_time_out_has_gs_expansions_range(long seconds, string? problem)
    {
        Assert.Equal(problem, InvocationChecks.TimeoutProblem(seconds));
    }

    [Fact]
    public void Words_parallelism_and_the_environment_file()
    {
        Assert.Equal("--engine must be opengauss or postgresql, not 'mysql'", InvocationChecks.OneOfProblem("--engine", "mysql", ["opengauss", "postgresql"]));
        Assert.Null(InvocationChecks.OneOfProblem("--engine", "opengauss", ["opengauss", "postgresql"]));
        Assert.Equal("--parallel must be at least 1", InvocationChecks.ParallelismProblem(0));
        Assert.Null(InvocationChecks.ParallelismProblem(1));
        Assert.Equal("--env-file '/home/omm/env;id' contains ';', which is not allowed in the environment file's path", InvocationChecks.EnvironmentFileProblem("--env-file", "/home/omm/env;id"));
        Assert.Null(InvocationChecks.EnvironmentFileProblem("--env-file", "/home/omm/env"));
    }

    [Fact]
    public void A_long_value_is_cut_in_a_message_and_kept_on_one_line()
    {
        Assert.Equal("a b", InvocationChecks.Printable("a\nb"));
        Assert.Equal(new string('x', 100) + "... (150 characters)", InvocationChecks.Printable(new string('x', 150)));
    }
}
