using Luarm.Store.Facts;

namespace Luarm.Benchmarks;

/// <summary>
/// A deterministic stream of netinfo rows as a fleet's agents would append
/// them over four weeks of February 2011: a few thousand running processes at
/// any time, each opening a burst of connections to a few destinations, pids
/// reused across hosts, and the incident's rows at their place in the stream.
/// </summary>
public sealed class NetinfoGenerator
{
    public static readonly DateTime Start = new(2011, 2, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan Span = TimeSpan.FromDays(28);

    private const int Hosts = 40;
    private const int RunningProcesses = 3_000;
    private const double MeanConnectionsPerProcess = 8;

    private readonly long _total;
    private readonly Random _random;
    private readonly Fleet _fleet;
    private readonly Destinations _destinations = new();
    private readonly RunningProcess[] _running;
    private readonly ProgramDigests _md5 = new();
    private long _position;
    private int _nextIncident;

    public NetinfoGenerator(long totalRows, int seed = 20110205)
    {
        _total = totalRows;
        _random = new Random(seed);
        _fleet = new Fleet(Hosts, _random);
        Incident = new IncidentTraffic(totalRows, _random);
        _running = [.. Enumerable.Range(0, RunningProcesses).Select(_ => StartProcess())];
    }

    public IncidentTraffic Incident { get; }

    /// <summary>Rows in the whole stream.</summary>
    public long Total => _total;

    /// <summary>Rows generated so far.</summary>
    public long Position => _position;

    /// <summary>The next <paramref name="count"/> rows of the stream.</summary>
    public EndpointFact[] Next(int count)
    {
        var rows = new EndpointFact[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = NextRow();
        }
        return rows;
    }

    private EndpointFact NextRow()
    {
        var created = Start.AddTicks((long)(Span.Ticks * ((double)_position / _total)));
        EndpointFact row;
        if (_nextIncident < Incident.Slots.Length && Incident.Slots[_nextIncident] == _position)
        {
            row = Incident[_nextIncident++];
        }
        else
        {
            var slot = _random.Next(_running.Length);
            row = _running[slot].Connect(_random);
            if (_running[slot].Finished)
            {
                _running[slot] = StartProcess();
            }
        }
        row.Created = created;
        _position++;
        return row;
    }

    private RunningProcess StartProcess()
    {
        var host = _fleet.Hosts[_random.Next(_fleet.Hosts.Count)];
        var account = host.PickAccount(_random);
        var program = account.Programs[_random.Next(account.Programs.Length)];
        Destination[] targets = program switch
        {
            "ntpd" => [Destinations.TimeServer],
            _ => [.. Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => _random.Next(8) == 0 ? Destinations.Unresolved(_random) : _destinations.Popular(_random))],
        };
        var connections = 1 + (int)Math.Min(500, -Math.Log(1 - _random.NextDouble()) * MeanConnectionsPerProcess);
        return new RunningProcess(host, account, _random.Next(300, 32768), program, _md5.Of(program), targets, connections);
    }

    /// <summary>A process with connections still to open; every tenth one asks the resolver first.</summary>
    private sealed class RunningProcess(FleetHost host, Account account, int pid, string program, string md5, Destination[] targets, int connections)
    {
        private int _left = connections;

        public bool Finished => _left <= 0;

        public EndpointFact Connect(Random random)
        {
            _left--;
            var target = random.Next(10) == 0 ? Destinations.Resolver : targets[random.Next(targets.Length)];
            return EndpointRow.Of(host, account, pid, program, md5, target, random);
        }
    }
}
