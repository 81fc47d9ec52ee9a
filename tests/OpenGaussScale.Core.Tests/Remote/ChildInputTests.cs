using OpenGaussScale.Core.Remote;
using System.Diagnostics;

namespace OpenGaussScale.Core.Tests.Remote;

public sealed class ChildInputTests
{
    // 8 MiB: far more than a pipe holds, so the write is still going when the child has exited (a closed pipe every
    // time, not only when the machine is loaded, which is how ClusterLockTests once failed 1 run in 4).
    private static readonly string Large = new('x', 8 * 1024 * 1024);

    [Theory]
    [InlineData("exit 3", 3)]
    [InlineData("head -c 10 >/dev/null; exit 4", 4)]
    [InlineData("exec 0<&-; exit 5", 5)]
    public async Task A_child_that_exits_without_reading_its_input_gives_its_exit_code(string script, int exitCode)
    {
        using var process = Start(script);

        await ChildInput.WriteAndCloseAsync(process, Large, CancellationToken.None);
        await process.WaitForExitAsync();

        Assert.Equal(exitCode, process.ExitCode);
    }

    [Fact]
    public async Task A_child_that_reads_gets_all_of_it_and_then_end_of_file()
    {
        using var process = Start("wc -c");
        var output = process.StandardOutput.ReadToEndAsync();

        await ChildInput.WriteAndCloseAsync(process, Large, CancellationToken.None);
        await process.WaitForExitAsync();

        Assert.Equal(Large.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), (await output).Trim());
    }

    [Fact]
    public async Task No_input_is_end_of_file_at_once()
    {
        using var process = Start("cat");
        var output = process.StandardOutput.ReadToEndAsync();

        await ChildInput.WriteAndCloseAsync(process, null, CancellationToken.None);
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", await output);
    }

    private static Process Start(string script)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return Process.Start(info)!;
    }
}
