from customer_identity.linkage.stewardship import Decision, Proposed, resolve

# Two profile customers (P: crm:p1 and crm:p2; Q: crm:q1); conversation i1 attached to P by
# its email; i2, i3 from an inbox no profile knows (their own customer G); i4 from another
# unknown number (customer H); i5 anonymous (no customer).
PROPOSED = Proposed(
    clusters={
        "crm:p1": "P",
        "crm:p2": "P",
        "crm:q1": "Q",
        "interactions:i1": "P",
        "interactions:i2": "G",
        "interactions:i3": "G",
        "interactions:i4": "H",
        "interactions:i5": None,
    },
    conversations={
        "interactions:i1": "2025-01-01",
        "interactions:i2": "2025-01-02",
        "interactions:i3": "2025-01-03",
        "interactions:i4": "2025-01-04",
        "interactions:i5": "2025-01-05",
    },
    profile_cluster_keys={"P", "Q"},
)


def _match(left, right, at="2025-06-01"):
    return Decision(left, right, "match", "steward", at)


def _no_match(left, right, at="2025-06-01"):
    return Decision(left, right, "no_match", "steward", at)


def _customers(decisions):
    changed = resolve(PROPOSED, decisions)
    return {key: changed.get(key, (cluster, None))[0] for key, cluster in PROPOSED.clusters.items()}


def test_match_with_a_profile_record_brings_a_conversation_and_its_inbox():
    customers = _customers([_match("interactions:i2", "crm:q1")])
    assert customers["interactions:i2"] == customers["interactions:i3"] == "Q"
    assert _customers([_match("crm:q1", "interactions:i5")])["interactions:i5"] == "Q"


def test_match_with_a_profile_record_overrides_the_attachment_and_moves_it_alone():
    customers = _customers([_match("interactions:i1", "crm:q1")])
    assert customers["interactions:i1"] == "Q"
    assert customers["crm:p1"] == customers["crm:p2"] == "P", "profile customers never move"


def test_match_between_conversations_joins_their_customers():
    unknown = _customers([_match("interactions:i2", "interactions:i4")])
    assert unknown["interactions:i2"] == unknown["interactions:i3"] == unknown["interactions:i4"]
    assert unknown["interactions:i4"] == "G"
    # One side belongs to a profile customer: the other side joins it.
    attached = _customers([_match("interactions:i4", "interactions:i1")])
    assert attached["interactions:i4"] == attached["interactions:i1"] == "P"
    anonymous = _customers([_match("interactions:i5", "interactions:i4")])
    assert anonymous["interactions:i5"] == anonymous["interactions:i4"] == "H"


def test_two_customers_named_for_one_conversation_the_latest_decision_wins():
    customers = _customers(
        [
            _match("interactions:i4", "crm:q1", at="2025-03-01"),
            _match("interactions:i4", "crm:p2", at="2025-02-01"),
        ]
    )
    assert customers["interactions:i4"] == "Q"


def test_no_match_with_a_profile_record_sends_the_conversation_away():
    customers = _customers([_no_match("crm:p2", "interactions:i1")])
    assert customers["interactions:i1"] not in {"P", None}
    assert customers["crm:p1"] == customers["crm:p2"] == "P"


def test_no_match_between_conversations_of_one_customer_separates_the_later_one():
    customers = _customers([_no_match("interactions:i3", "interactions:i2")])
    assert customers["interactions:i2"] == "G"
    assert customers["interactions:i3"] not in {"G", None}


def test_no_match_holds_against_a_chain_of_matches():
    customers = _customers(
        [
            _match("interactions:i4", "crm:p1"),
            _match("interactions:i5", "interactions:i4"),
            _no_match("interactions:i5", "crm:p2"),
        ]
    )
    assert customers["interactions:i4"] == "P"
    assert customers["interactions:i5"] != "P"


def test_decisions_on_records_the_run_does_not_know_change_nothing():
    assert resolve(PROPOSED, [_match("interactions:zz", "crm:q1")]) == {}
    assert resolve(PROPOSED, [_no_match("interactions:i2", "crm:q1")]) == {}
