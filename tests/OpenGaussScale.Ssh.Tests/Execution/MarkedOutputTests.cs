using OpenGaussScale.Ssh.Execution;
using System.Text;

namespace OpenGaussScale.Ssh.Tests.Execution;

public sealed class MarkedOutputTests
{
    private const string Nonce = "ogscale-0123";

    [Fact]
    public async Task Login_noise_before_the_start_marker_is_dropped_and_the_body_ends_at_the_end_marker()
    {
        var output = Stdout();
        Feed(output, $"motd banner\n{Nonce} pgid 4242\nline 1\nno newline\n{Nonce} exit 3\nlate output of a background child\n");

        Assert.Equal(4242, await output.Started);
        Assert.True(output.Ended);
        Assert.Equal(3, output.EndNumber);
        Assert.Equal("line 1\nno newline", output.Text);
    }

    [Fact]
    public async Task Markers_split_across_reads_are_found()
    {
        var output = Stdout();
        var text = $"{Nonce} pgid 17\nabc\n{Nonce} exit 0\n";
        foreach (var c in text)
        {
            Feed(output, c.ToString());
        }

        Assert.Equal(17, await output.Started);
        Assert.Equal(0, output.EndNumber);
        Assert.Equal("abc", output.Text);
    }

    [Fact]
    public void Empty_output_is_empty()
    {
        var output = Stdout();
        Feed(output, $"{Nonce} pgid 5\n\n{Nonce} exit 0\n");

        Assert.Equal("", output.Text);
        Assert.Equal(0, output.EndNumber);
    }

    [Fact]
    public void Text_that_only_looks_like_a_marker_is_kept()
    {
        var output = Stdout();
        Feed(output, $"{Nonce} pgid 5\n{Nonce} exit soon\nx\n{Nonce} exit 1\n");

        Assert.Equal($"{Nonce} exit soon\nx", output.Text);
        Assert.Equal(1, output.EndNumber);
    }

    [Fact]
    public void Without_markers_everything_read_is_the_body_and_no_exit_code_is_known()
    {
        var output = Stdout();
        Feed(output, "sh: 1: setsid: not found\n");

        Assert.False(output.Ended);
        Assert.Null(output.EndNumber);
        Assert.Equal("sh: 1: setsid: not found\n", output.Text);
    }

    [Fact]
    public async Task Reading_stops_at_the_end_marker_without_waiting_for_end_of_file()
    {
        var output = new MarkedOutput($"{Nonce} start", $"{Nonce} end");
        using var stream = new NeverEndingStream(Encoding.UTF8.GetBytes($"{Nonce} start\nwarning: x\n\n{Nonce} end\n"));

        await output.ReadAsync(stream).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("warning: x\n", output.Text);
        Assert.Null(output.EndNumber);
        Assert.Null(await output.Started);
    }

    private static MarkedOutput Stdout() => new($"{Nonce} pgid", $"{Nonce} exit");

    private static void Feed(MarkedOutput output, string text) => output.Append(Encoding.UTF8.GetBytes(text));

    // Serves its bytes, then blocks forever, as a pipe does while a background child keeps it open.
    private sealed class NeverEndingStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
