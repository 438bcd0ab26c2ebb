#pragma once
// StartMethodTestCase: the base of a Qt Test class whose every test runs once per start method
// (fork, spawn, forkserver: one global data row each) and must leave no worker behind — after
// each test no stray worker is left, and after the last one the runtime shuts down with nothing
// left (no forkserver, shared memory or semaphore). Derive, add private test slots as usual.

#include <QObject>

namespace qmptest {

class StartMethodTestCase : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void cleanupTestCase();
};

} // namespace qmptest
