#include "inflightregistry.h"

#include <QCborMap>
#include <QCborValue>

#include <atomic>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace qmp {

namespace {

// A claimed loan: ends it when the last claim holding it goes.
class Claimed
{
public:
    Claimed(qint64 id, std::unique_ptr<InFlightRegistry::Loan> loan) : m_id(id), m_loan(std::move(loan)) {}
    ~Claimed();
    InFlightRegistry::Loan *loan() const { return m_loan.get(); }

private:
    qint64 m_id;
    std::unique_ptr<InFlightRegistry::Loan> m_loan;
};

struct Entry
{
    std::unique_ptr<InFlightRegistry::Loan> unclaimed; // until the first claim ...
    std::weak_ptr<Claimed> claimed;                    // ... then owned by the claims
};

std::atomic<bool> registryGone{false};

struct Registry
{
    std::mutex mutex;
    std::unordered_map<qint64, Entry> entries;
    std::atomic<int> count{0};
    qint64 nextId = 1;
    std::size_t pruneAt = 64;

    // At exit: the loans nobody claimed end (claimed ones end with their claims).
    ~Registry()
    {
        registryGone.store(true);
        for (auto &[id, entry] : entries) {
            if (entry.unclaimed)
                entry.unclaimed->ended();
        }
    }
};

Registry &registry()
{
    static Registry r;
    return r;
}

Claimed::~Claimed()
{
    m_loan->ended();
    if (registryGone.load())
        return;
    Registry &r = registry();
    std::lock_guard guard(r.mutex);
    r.entries.erase(m_id);
    r.count.fetch_sub(1);
}

void collectIds(const QCborValue &value, std::vector<qint64> *ids)
{
    if (value.isArray()) {
        for (const QCborValue &item : value.toArray())
            collectIds(item, ids);
    } else if (value.isMap()) {
        const QCborMap map = value.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (it.key().isString() && it.key().toString() == InFlightRegistry::key() && it.value().isInteger())
                ids->push_back(it.value().toInteger());
            else
                collectIds(it.value(), ids);
        }
    }
}

} // namespace

QString InFlightRegistry::key()
{
    return QStringLiteral("qmp-inflight");
}

qint64 InFlightRegistry::lend(std::unique_ptr<Loan> loan)
{
    Registry &r = registry();
    std::vector<std::unique_ptr<Loan>> settled;
    qint64 id = 0;
    {
        std::lock_guard guard(r.mutex);
        id = r.nextId++;
        r.entries[id].unclaimed = std::move(loan);
        r.count.fetch_add(1);
        if (r.entries.size() >= r.pruneAt) {
            // Unclaimed loans their receivers took over: forget them (amortised: the registry
            // doubles between two prunes).
            for (auto it = r.entries.begin(); it != r.entries.end();) {
                if (it->second.unclaimed && it->second.unclaimed->settled()) {
                    settled.push_back(std::move(it->second.unclaimed));
                    it = r.entries.erase(it);
                    r.count.fetch_sub(1);
                } else {
                    ++it;
                }
            }
            r.pruneAt = std::max<std::size_t>(64, 2 * r.entries.size());
        }
    }
    for (const auto &done : settled)
        done->ended();
    return id;
}

std::shared_ptr<const void> InFlightRegistry::claim(const QCborArray &values)
{
    Registry &r = registry();
    if (r.count.load(std::memory_order_acquire) == 0)
        return nullptr;
    std::vector<qint64> ids;
    collectIds(QCborValue(values), &ids);
    if (ids.empty())
        return nullptr;
    auto claims = std::make_shared<std::vector<std::shared_ptr<Claimed>>>();
    std::vector<Claimed *> fresh;
    {
        std::lock_guard guard(r.mutex);
        for (const qint64 id : ids) {
            const auto it = r.entries.find(id);
            if (it == r.entries.end())
                continue; // ended, or lent by another process
            if (it->second.unclaimed) {
                auto claimed = std::make_shared<Claimed>(id, std::move(it->second.unclaimed));
                it->second.claimed = claimed;
                fresh.push_back(claimed.get());
                claims->push_back(std::move(claimed));
            } else if (auto claimed = it->second.claimed.lock()) {
                claims->push_back(std::move(claimed));
            }
        }
    }
    for (Claimed *claimed : fresh)
        claimed->loan()->claimed();
    if (claims->empty())
        return nullptr;
    return claims;
}

int InFlightRegistry::outstanding()
{
    return registry().count.load(std::memory_order_acquire);
}

} // namespace qmp
