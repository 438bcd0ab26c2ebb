#pragma once
// ObserverToken: the registration of one observer (CreationObservers::add, Pool::observeCreation,
// Queue::observeCreation). The observer stays registered while its token lives: destroying the
// token, or reset(), removes it. Move-only. A token may outlive what it registered with (then
// removing is a no-op).

#include "qmpcore_export.h"
#include <functional>
#include <utility>

namespace qmp {

class QMP_CORE_EXPORT ObserverToken
{
public:
    ObserverToken() = default;
    // remove: called once, by reset() or the destructor, to take the observer out.
    explicit ObserverToken(std::function<void()> remove) : m_remove(std::move(remove)) {}
    ObserverToken(ObserverToken &&other) noexcept : m_remove(std::exchange(other.m_remove, {})) {}
    ObserverToken &operator=(ObserverToken &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_remove = std::exchange(other.m_remove, {});
        }
        return *this;
    }
    ObserverToken(const ObserverToken &) = delete;
    ObserverToken &operator=(const ObserverToken &) = delete;
    ~ObserverToken() { reset(); }

    // Removes the observer now (a notification already under way on another thread may still
    // reach it once). Idempotent.
    void reset()
    {
        if (auto remove = std::exchange(m_remove, {}))
            remove();
    }
    // Whether it still holds a registration.
    bool isActive() const { return bool(m_remove); }

private:
    std::function<void()> m_remove;
};

} // namespace qmp
