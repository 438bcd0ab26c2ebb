#include "startmethodtestcase.h"

#include "qmptest.h"

#include <QTest>

namespace qmptest {

void StartMethodTestCase::initTestCase_data()
{
    addStartMethodRows();
}

void StartMethodTestCase::init()
{
    useStartMethodOfThisRow();
}

void StartMethodTestCase::cleanup()
{
    QTRY_COMPARE(strayWorkers(), QList<qint64>());
}

void StartMethodTestCase::cleanupTestCase()
{
    QVERIFY(shutDownAndCheckNothingLeft());
    QTRY_COMPARE(strayWorkers(), QList<qint64>());
}

} // namespace qmptest
