namespace Luarm.Store.Facts;

/// <summary>
/// What a fact row of every kind has: its row id, its host and its event time. The
/// engine reads these for every row it evaluates, so they are read through this
/// interface, without reflection or boxing.
/// </summary>
public interface IFact
{
    /// <summary>The row id (psentity, endpointinfo, fileaccess, hwdevice, loginid).</summary>
    long Id { get; }

    int HostId { get; }

    DateTime Created { get; }
}
