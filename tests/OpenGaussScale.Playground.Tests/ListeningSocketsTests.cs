using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Tests;

public sealed class ListeningSocketsTests
{
    [Fact]
    public void Listeners_are_read_from_proc_net_tcp_and_connections_are_not()
    {
        const string tcp =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 0B00007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n" +
            "   1: 0B00007F:3C28 00000000:0000 0A 00000000:00000000 00:00000000 00000000  2000        0 2 1 0 100 0 0 10 0\n" +
            "   2: 0C00007F:D2C4 0B00007F:0016 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1\n";

        Assert.Equal([new Listener("127.0.0.11", 22, 1), new Listener("127.0.0.11", 15400, 2)], ListeningSockets.Parse(tcp).ToList());
    }

    [Fact]
    public void Ipv6_listeners_are_read_too()
    {
        const string tcp6 =
            "  sl  local_address                         remote_address                        st\n" +
            "   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1 0\n";

        Assert.Equal([new Listener("::", 22, 1)], ListeningSockets.Parse(tcp6).ToList());
    }
}
