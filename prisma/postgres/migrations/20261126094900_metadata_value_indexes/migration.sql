-- Nothing Prisma's schema can declare: see unmanaged.sql.
SELECT 1;
