#pragma once
// CreationObservers<Args...>: the observers of one kind of object's creation (Pool's and Queue's
// monitoring hooks), any number of them. add() registers one and returns the ObserverToken that
// keeps it registered; notify() calls each one registered, in registration order. Thread-safe:
// add, remove and notify may run on any thread at once. notify() calls the observers outside its
// lock, so an observer may add or remove observers (itself too) without deadlock; one removed
// while a notify() on another thread is under way may still hear that one notification.

#include "observertoken.h"

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace qmp {

template <typename... Args>
class CreationObservers
{
public:
    using Observer = std::function<void(Args...)>;

    // Registers observer until the returned token is reset or destroyed. An empty function
    // registers nothing (an inactive token).
    [[nodiscard]] ObserverToken add(Observer observer)
    {
        if (!observer)
            return {};
        std::lock_guard lock(m_registry->mutex);
        const quint64 id = ++m_registry->lastId;
        m_registry->entries.push_back({id, std::make_shared<const Observer>(std::move(observer))});
        return ObserverToken([weak = std::weak_ptr<Registry>(m_registry), id] {
            if (const std::shared_ptr<Registry> registry = weak.lock())
                registry->remove(id);
        });
    }

    // Calls every observer registered now with args, on this thread.
    void notify(Args... args) const
    {
        std::vector<std::shared_ptr<const Observer>> observers;
        {
            std::lock_guard lock(m_registry->mutex);
            if (m_registry->entries.empty())
                return;
            observers.reserve(m_registry->entries.size());
            for (const Entry &entry : m_registry->entries)
                observers.push_back(entry.observer);
        }
        for (const auto &observer : observers)
            (*observer)(args...);
    }

    qsizetype size() const
    {
        std::lock_guard lock(m_registry->mutex);
        return qsizetype(m_registry->entries.size());
    }

private:
    struct Entry
    {
        quint64 id;
        std::shared_ptr<const Observer> observer; // shared with a notify() under way
    };
    // Shared with the tokens, which may outlive this object (a static's destruction at exit).
    struct Registry
    {
        mutable std::mutex mutex;
        std::vector<Entry> entries;
        quint64 lastId = 0;

        void remove(quint64 id)
        {
            std::lock_guard lock(mutex);
            std::erase_if(entries, [id](const Entry &entry) { return entry.id == id; });
        }
    };

    std::shared_ptr<Registry> m_registry = std::make_shared<Registry>();
};

} // namespace qmp
