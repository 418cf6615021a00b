namespace Luarm.Rules.Runtime;

/// <summary>A session's evaluation of count rules beside the Rete network: it sees every fact the session does.</summary>
internal interface ICountEvaluator
{
    void Insert(object fact, MatchSink sink);

    void Retract(object fact);

    void Update(object fact, MatchSink sink);
}
